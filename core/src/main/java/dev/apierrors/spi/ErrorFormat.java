package dev.apierrors.spi;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;

import java.util.Optional;

/**
 * One error-body format: recognises a body and maps it to the fields of an
 * {@link ApiError}. The built-in formats are tried in the order of the README's
 * decoding table; formats added with {@link ErrorDecoder.Builder#addFormat(ErrorFormat)}
 * are tried first, so a user can decode their API's own shape without forking.
 *
 * <p>The rules common to every format ({@code code} from a top-level {@code code},
 * {@code errors} from a top-level {@code errors}, extensions, request id, challenges,
 * rate limits, retry-after) are applied by the decoder after the format, so a format only
 * says what is specific to it.
 *
 * <p>Implementations must be thread-safe and must not throw: a body they do not
 * recognise gives {@link Optional#empty()}. A format that throws anyway is treated as not
 * matching.
 */
public interface ErrorFormat {
  /**
   * The name reported by {@link ApiError#format()} when this format matches, e.g.
   * {@code problem_json}. Lower-case with underscores by convention. Asked once when the
   * format is added (a blank name is refused there), then only when the format has matched
   * a body: a format whose name then throws or is blank is treated as not matching.
   *
   * @return the format's name, never blank
   */
  String name();

  /**
   * Decodes {@code body}, or returns empty when it is not in this format.
   *
   * @param body the response, its text and (when it is JSON) its parsed tree
   * @return the fields decoded, or empty when the body is not in this format
   */
  Optional<ErrorFields> decode(ErrorBody body);
}
