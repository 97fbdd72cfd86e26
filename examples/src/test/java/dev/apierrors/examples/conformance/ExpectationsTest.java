package dev.apierrors.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An output line as the runner prints it for an api_error. */
  private static final String ACTUAL = """
      {"name": "x", "outcome": "api_error", "attempts": 2, "waitedMillis": 1000, "elapsedMillis": 1012,
       "status": 401, "exception": "UnauthorizedException", "format": "error_description",
       "title": "Unauthorized", "detail": "The access token expired", "code": "invalid_token",
       "type": null, "instance": null, "requestId": "req-1", "retryAfterMillis": null, "truncated": false,
       "errors": [{"field": "name", "code": "missing", "title": null, "detail": "is required"}],
       "rateLimit": {"limit": 100, "remaining": 0, "resetMillis": 30000},
       "challenges": [{"scheme": "Bearer", "token68": null, "params": {"realm": "api", "error": "invalid_token"}}],
       "rawBodyPrefix": "{\\"error\\"", "message": "401 Unauthorized: The access token expired", "check": null}
      """;

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # expect                                                       | first difference, empty when it holds
      {"outcome": "api_error", "attempts": 2, "status": 401}         |
      {"attempts": 2.0, "truncated": false, "type": null}            |
      {"outcome": "success"}                                         | outcome: expected "success", got "api_error"
      {"instance": "/x"}                                             | instance: expected "/x", got null
      {"errors": [{"field": "name"}]}                                |
      {"errors": [{"field": "name", "detail": "is required"}]}      |
      {"errors": []}                                                 | errors: expected 0 entries, got 1
      {"errors": [{"code": "other"}]}                                | errors[0].code: expected "other", got "missing"
      {"detailContains": "token"}                                    |
      {"detailContains": "nope"}                                     | detail: expected to contain "nope", got "The access token expired"
      {"rawBodyContains": "long_tail"}                               |
      {"rawBodyContains": "absent"}                                  | rawBody: expected to contain "absent", got "plain long_tail body"
      {"messageNotContains": "secret"}                               |
      {"messageNotContains": "expired"}                              | message: expected not to contain "expired", got "401 Unauthorized: The access token expired"
      {"waitedMillis": 1000, "waitedMillisAtLeast": 1000}            |
      {"waitedMillisAtLeast": 1001}                                  | waitedMillis: expected >= 1001, got 1000
      {"waitedMillisAtMost": 999}                                    | waitedMillis: expected <= 999, got 1000
      {"elapsedMillisAtMost": 5000}                                  |
      {"elapsedMillisAtMost": 1000}                                  | elapsedMillis: expected <= 1000, got 1012
      {"messageLengthAtMost": 42}                                    |
      {"messageLengthAtMost": 41}                                    | message length: expected <= 41, got 42
      {"rateLimit": {"remaining": 0}}                                |
      {"rateLimit": {"limit": 60}}                                   | rateLimit.limit: expected 60, got 100
      {"rateLimit": null}                                            | rateLimit: expected null, got {"limit":100,"remaining":0,"resetMillis":30000}
      {"challenges": [{"scheme": "Bearer", "params": {"Error": "invalid_token"}}]} |
      {"challenges": [{"scheme": "Basic"}]}                          | challenges[0].scheme: expected "Basic", got "Bearer"
      {"challenges": [{"params": {"realm": "other"}}]}               | challenges[0].params.realm: expected "other", got "api"
      {"challenges": []}                                             | challenges: expected 0 challenges, got 1
      {"titel": "Unauthorized"}                                      | unknown expectation 'titel'
      """)
  void comparesEachKindOfExpectation(String expect, String difference) throws Exception {
    var diffs = Expectations.differences(json(expect), json(ACTUAL), "plain long_tail body");

    if (difference == null) {
      assertThat(diffs).isEmpty();
    } else {
      assertThat(diffs).first().isEqualTo(difference);
    }
  }
}
