package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.BodyText;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Row 13, {@code plain_text}: everything else, including invalid JSON. Detail: the text
 * (for a JSON string body, the string's value), trimmed, at most
 * {@value BodyText#MAX_DETAIL_CHARS} characters; title: the reason phrase. Always matches.
 */
public final class PlainTextFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.PLAIN_TEXT.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    String text = body.json().filter(json -> json.isTextual()).map(json -> json.textValue())
        .orElse(body.text());
    return Optional.of(ErrorFields.builder().detail(detail(text)).build());
  }

  /** The plain-text detail of {@code text}: trimmed and clipped; null when blank. */
  public static @Nullable String detail(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? null : BodyText.clip(trimmed);
  }
}
