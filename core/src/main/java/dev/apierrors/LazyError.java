package dev.apierrors;

import dev.apierrors.internal.DecodingPipeline;
import dev.apierrors.internal.RetryHeaders;
import dev.apierrors.spi.ResponseView;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The error behind an {@link ApiException}: decoded already, or decoded when first asked for.
 * {@link ErrorDecoder#toException} makes the exception with the status and the retry fields
 * of the headers ({@link RetryHeaders}) only, which is all that deciding a retry reads: a
 * retried attempt whose error nobody asks for (a 429 followed by a success) never has its
 * body parsed. The decoding, when it comes, gets those same retry fields, so the error
 * carries what the decision used.
 *
 * <p>Thread-safety: safe; the decoding runs at most once (each caller then gets the same
 * {@link ApiError}), and lets go of the response view once done.
 */
final class LazyError {
  private final int status;
  /** The retry fields read before decoding; null for an error made decoded (it has them). */
  private final @Nullable RetryHeaders retryHeaders;
  /** The response still to decode, and with what; null once {@link #decoded} is set. Guarded by {@code this}. */
  private @Nullable ResponseView view;
  private @Nullable ErrorDecoder decoder;
  private volatile @Nullable ApiError decoded;

  private LazyError(int status, @Nullable RetryHeaders retryHeaders, @Nullable ResponseView view,
      @Nullable ErrorDecoder decoder, @Nullable ApiError decoded) {
    this.status = status;
    this.retryHeaders = retryHeaders;
    this.view = view;
    this.decoder = decoder;
    this.decoded = decoded;
  }

  /** {@return an error decoded already} */
  static LazyError of(ApiError error) {
    Objects.requireNonNull(error, "error");
    return new LazyError(error.status(), null, null, null, error); // nothing more per exception made
  }

  /**
   * {@return the error of {@code view}, to decode by {@code decoder} when first asked for}
   *
   * @param retryHeaders the retry fields of {@code view}'s headers, read already
   */
  static LazyError deferred(ResponseView view, ErrorDecoder decoder, RetryHeaders retryHeaders) {
    return new LazyError(view.status(), Objects.requireNonNull(retryHeaders, "retryHeaders"),
        Objects.requireNonNull(view, "view"), Objects.requireNonNull(decoder, "decoder"), null);
  }

  int status() {
    return status;
  }

  OptionalLong retryAfterMillis() {
    return retryHeaders != null ? retryHeaders.retryAfterMillis() : get().retryAfterMillis();
  }

  Optional<RateLimit> rateLimit() {
    return retryHeaders != null ? Optional.ofNullable(retryHeaders.rateLimit()) : get().rateLimit();
  }

  /** {@return the error if decoded already, else null: nothing is decoded} */
  @Nullable ApiError decodedOrNull() {
    return decoded;
  }

  /** {@return the error, decoded now if it was not yet} */
  ApiError get() {
    ApiError error = decoded;
    if (error != null) {
      return error;
    }
    synchronized (this) {
      error = decoded;
      if (error == null) {
        // Never throws (but a VirtualMachineError): the pipeline falls back to plain text.
        error = DecodingPipeline.decode(Objects.requireNonNull(view, "view"),
            Objects.requireNonNull(decoder, "decoder"), retryHeaders);
        decoded = error;
        view = null; // the headers, the body and the secrets can go
        decoder = null;
      }
      return error;
    }
  }
}
