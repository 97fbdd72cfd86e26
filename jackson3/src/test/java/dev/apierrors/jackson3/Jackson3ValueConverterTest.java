package dev.apierrors.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorConversionException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.ResponseView;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** bodyAs and extension through a user's Jackson 3 mapper: its configuration visibly applies. */
class Jackson3ValueConverterTest {
  /** The user's mapper: snake_case names; java.time is built into Jackson 3. */
  private static final JsonMapper USERS_MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private static final ErrorDecoder DECODER =
      ErrorDecoder.builder().valueConverter(Jackson3ValueConverter.of(USERS_MAPPER)).build();

  private static final String BODY = "{\"type\":\"https://example.com/probs/out-of-credit\","
      + "\"title\":\"You do not have enough credit.\",\"current_balance\":30,"
      + "\"retry_at\":\"2026-12-01T22:00:00Z\",\"accounts\":[{\"account_id\":\"/account/1\"}]}";

  record Account(String accountId) {}

  record OutOfCredit(String title, int currentBalance, Instant retryAt, List<Account> accounts) {}

  private static ApiError decode(String body) {
    return DECODER.decode(ResponseView.builder(403)
        .headers(dev.apierrors.spi.HttpHeaders.of("Content-Type", "application/problem+json"))
        .body(body)
        .build());
  }

  @Test
  void bodyConvertsWithTheUsersNamingStrategyAndJavaTime() {
    ApiError error = decode(BODY);

    assertThat(error.bodyAs(OutOfCredit.class)).contains(new OutOfCredit(
        "You do not have enough credit.", 30, Instant.parse("2026-12-01T22:00:00Z"),
        List.of(new Account("/account/1"))));
  }

  @Test
  void extensionConvertsWithTheUsersMapperToClassesAndGenericTypes() {
    ApiError error = decode(BODY);

    assertThat(error.extension("retry_at", Instant.class)).contains(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(error.extension("accounts", listOf(Account.class)))
        .contains(List.of(new Account("/account/1")));
    assertThat(error.extensions()).containsEntry("current_balance", 30L);
  }

  @Test
  void theDefaultMapperDoesNotKnowTheUsersNamingStrategy() {
    // The same body without the user's converter: the snake_case members do not bind.
    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(403).body(BODY).build());

    assertThat(error.bodyAs(OutOfCredit.class)).hasValueSatisfying(body -> {
      assertThat(body.currentBalance()).isZero();
      assertThat(body.retryAt()).isNull();
    });
  }

  @Test
  void aValueOfAnotherShapeSaysWhyWithJacksonsReason() {
    ApiError error = decode("{\"title\":\"t\",\"detail\":\"d\",\"retry_at\":\"not a date\"}");

    assertThatThrownBy(() -> error.extension("retry_at", Instant.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageStartingWith("cannot convert extension \"retry_at\" to java.time.Instant: ")
        .hasMessageContaining("not a date")
        .hasCauseInstanceOf(tools.jackson.core.JacksonException.class);
  }

  @Test
  void absentMembersAndNonJsonBodiesAreEmptyNotErrors() {
    assertThat(decode(BODY).extension("missing", Instant.class)).isEmpty();
    assertThat(DECODER.decode(ResponseView.builder(500).body("oops").build()).bodyAs(OutOfCredit.class))
        .isEmpty();
  }

  @Test
  void convertsPlainValuesDirectly() throws Exception {
    Jackson3ValueConverter converter = Jackson3ValueConverter.of(USERS_MAPPER);

    assertThat(converter.convert(Map.of("account_id", "a"), Account.class)).isEqualTo(new Account("a"));
    assertThat(converter).hasToString("Jackson3ValueConverter{tools.jackson.databind.json.JsonMapper}");
  }

  private static Type listOf(Class<?> element) {
    return new ParameterizedType() {
      @Override
      public Type[] getActualTypeArguments() {
        return new Type[] {element};
      }

      @Override
      public Type getRawType() {
        return List.class;
      }

      @Override
      public Type getOwnerType() {
        return null;
      }
    };
  }
}
