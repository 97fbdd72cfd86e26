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
 * Row 5, {@code error_description}: OAuth 2.0 error responses (RFC 6749 §5.2) and the
 * like: a JSON object whose {@code error} is a non-empty string with no whitespace (a code
 * such as {@code invalid_grant}, not a sentence). Code: {@code error}; detail:
 * {@code error_description} when a string, else {@code message} (Spring Boot's
 * {@code {"error":"Unauthorized","message":"..."}}); title: the reason phrase.
 * {@code error_uri} stays an extension.
 */
public final class OAuthErrorFormat implements ErrorFormat {
  /** The members read: no set is built per error. */
  private static final Set<String> MEMBERS = Set.of("error", "error_description");
  private static final Set<String> MEMBERS_AND_MESSAGE = Set.of("error", "error_description", "message");
  private static final Set<String> MEMBERS_AND_AWS_MESSAGE = Set.of("error", "error_description", "Message");
  @Override
  public String name() {
    return BuiltInFormat.ERROR_DESCRIPTION.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String error = JsonMembers.text(json, "error");
    if (error == null || error.isEmpty() || hasWhitespace(error)) {
      return Optional.empty();
    }
    Set<String> consumed = MEMBERS;
    String detail = JsonMembers.text(json, "error_description");
    if (detail == null) {
      String member = JsonMembers.messageMember(json);
      if (member != null) {
        detail = JsonMembers.text(json, member);
        consumed = member.equals("message") ? MEMBERS_AND_MESSAGE : MEMBERS_AND_AWS_MESSAGE;
      }
    }
    return Optional.of(
        ErrorFields.builder().code(error).detail(detail).consumedMembers(consumed).build());
  }

  /** Whether {@code s} has a whitespace or space character: then it is a sentence, not a code. */
  static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i)) || Character.isSpaceChar(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
