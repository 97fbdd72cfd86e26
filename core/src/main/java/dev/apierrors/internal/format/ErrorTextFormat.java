package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.BuiltInFormat;
import dev.apierrors.internal.JsonMembers;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Row 5a, {@code error_text}: a JSON object whose {@code error} is a sentence (a string
 * with whitespace: Auth0's {@code {"error":"Unauthorized access"}}, Express apps,
 * Elasticsearch 1.x) and that has no string {@code message} (which row 10 prefers).
 * Detail: {@code error}; title: the reason phrase.
 */
public final class ErrorTextFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.ERROR_TEXT.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String error = JsonMembers.text(json, "error");
    if (error == null || !OAuthErrorFormat.hasWhitespace(error) || JsonMembers.message(json) != null) {
      return Optional.empty();
    }
    return Optional.of(ErrorFields.builder().detail(error).consumedMembers(Set.of("error")).build());
  }
}
