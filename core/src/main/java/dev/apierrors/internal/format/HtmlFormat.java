package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.HtmlText;
import java.util.Optional;

/**
 * Row 12, {@code html}: {@code Content-Type: text/html}, or a body that starts (after
 * whitespace) with {@code <!doctype html} or {@code <html}, in any case. Detail: the text
 * of {@code <title>}, else of the first {@code <h1>} (see {@link HtmlText}); title: the
 * reason phrase.
 */
public final class HtmlFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.HTML.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    if (body.mediaType().filter("text/html"::equals).isEmpty() && !startsLikeHtml(body.text())) {
      return Optional.empty();
    }
    return Optional.of(ErrorFields.builder().detail(HtmlText.summary(body.text())).build());
  }

  static boolean startsLikeHtml(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return text.regionMatches(true, i, "<!doctype html", 0, 14)
        || text.regionMatches(true, i, "<html", 0, 5);
  }
}
