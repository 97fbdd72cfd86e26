package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ApiError at its edges: the status range, the 64 KiB kept body, generic types, serialization. */
class ApiErrorEdgesTest {
  private static final int KEPT_BODY_BYTES = 64 * 1024;
  private static final String TOKEN = "sk_live_abcdefghijklmnop";

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {100, 101, 998, 999})
  void aThreeDigitStatusIsAccepted(int status) {
    assertThat(ApiError.builder(status).build().status()).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {99, 1000, 0, -1})
  void anyOtherStatusIsRejected(int status) {
    assertThatThrownBy(() -> ApiError.builder(status))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a 3-digit HTTP status, was " + status);
  }

  /** A JSON body of exactly {@code size} bytes. */
  private static byte[] jsonBody(int size) {
    String head = "{\"balance\":30,\"pad\":\"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private static ApiError decoded(byte[] body) {
    return ErrorDecoder.ofDefaults().decode(ResponseView.builder(400)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body(BoundedBody.of(body, false))
        .build());
  }

  @Test
  void aBodyOfUpTo64KiBIsDecodedAndParsedOnce() {
    ApiError error = decoded(jsonBody(KEPT_BODY_BYTES));

    assertThat(error.rawBodyText()).hasSize(KEPT_BODY_BYTES).isSameAs(error.rawBodyText());
    assertThat(error.extensions()).containsEntry("balance", 30L).isSameAs(error.extensions());
  }

  @Test
  void aLargerBodyIsDecodedAndParsedAgainOnEachCall() {
    ApiError error = decoded(jsonBody(KEPT_BODY_BYTES + 1));

    assertThat(error.rawBodyText()).hasSize(KEPT_BODY_BYTES + 1)
        .isEqualTo(error.rawBodyText()).isNotSameAs(error.rawBodyText());
    assertThat(error.extensions()).containsEntry("balance", 30L)
        .isEqualTo(error.extensions()).isNotSameAs(error.extensions());
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {100, KEPT_BODY_BYTES})
  void aBuiltBodyOfUpTo64KiBIsDecodedOnce(int size) {
    ApiError error = ApiError.builder(400).rawBody(jsonBody(size), StandardCharsets.UTF_8, false).build();

    assertThat(error.rawBodyText()).hasSize(size).isSameAs(error.rawBodyText());
  }

  @Test
  void aLargerBuiltBodyIsDecodedOnEachCall() {
    ApiError error = ApiError.builder(400).rawBody(jsonBody(KEPT_BODY_BYTES + 1), StandardCharsets.UTF_8, false).build();

    assertThat(error.rawBodyText()).isEqualTo(error.rawBodyText()).isNotSameAs(error.rawBodyText());
  }

  private static ParameterizedType listOf(Type element) {
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

  private static GenericArrayType arrayOf(Type component) {
    return () -> component;
  }

  /** An error whose converter answers every conversion with a String. */
  private static ApiError answering(Object answer) {
    return ApiError.builder(400)
        .rawBody("{\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
        .extensions(Map.of("items", List.of(1, 2)))
        .valueConverter((value, target) -> answer)
        .build();
  }

  @Test
  void aConverterResultIsCheckedAgainstTheClassOfAGenericType() {
    ApiError error = answering("not a list");

    assertThatThrownBy(() -> error.bodyAs(listOf(String.class)))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("the converter returned a java.lang.String");
    assertThatThrownBy(() -> error.extension("items", listOf(Integer.class)))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("extension \"items\"").hasMessageContaining("the converter returned a java.lang.String");
    assertThatThrownBy(() -> error.bodyAs((Type) Map.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("the converter returned a java.lang.String");
    assertThatThrownBy(() -> error.bodyAs(arrayOf(listOf(String.class))))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("the converter returned a java.lang.String");
  }

  @Test
  void aConverterResultOfTheRightClassIsReturned() {
    List<Integer> items = List.of(1, 2);
    Object[] array = {items};

    assertThat(answering(items).<List<Integer>>bodyAs(listOf(Integer.class))).contains(items);
    assertThat(answering(items).<List<Integer>>extension("items", listOf(Integer.class))).contains(items);
    assertThat(answering(array).<Object[]>bodyAs(arrayOf(listOf(Integer.class)))).containsSame(array);
  }

  @Test
  void aTypeWhoseClassCannotBeToldAcceptsAnyResult() throws Exception {
    TypeVariable<?> variable = Optional.class.getTypeParameters()[0];

    assertThat(answering("anything").<Object>bodyAs(variable)).contains("anything");
  }

  @Test
  void aWaitOfZeroSurvivesSerialization() throws Exception {
    ApiError error = ApiError.builder(503).retryAfterMillis(OptionalLong.of(0)).build();

    ApiError copy = roundTrip(error);

    assertThat(copy.retryAfterMillis()).hasValue(0);
    assertThat(copy.retryAfter()).contains(Duration.ZERO);
    assertThat(roundTrip(ApiError.builder(503).build()).retryAfterMillis()).isEmpty();
  }

  @Test
  void nestedExtensionsSurviveSerializationWithCredentialsMasked() throws Exception {
    ApiError error = ApiError.builder(400)
        .extensions(Map.of(
            "account", Map.of("key", TOKEN, "plan", "pro"),
            "keys", List.of(TOKEN, "other", Map.of("k", TOKEN)),
            "n", 7))
        .secrets(Set.of(TOKEN))
        .build();

    ApiError copy = roundTrip(error);

    assertThat(copy.extensions()).isEqualTo(Map.of(
        "account", Map.of("key", "[REDACTED]", "plan", "pro"),
        "keys", List.of("[REDACTED]", "other", Map.of("k", "[REDACTED]")),
        "n", 7L));
  }

  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      @SuppressWarnings("unchecked")
      T copy = (T) in.readObject();
      return copy;
    }
  }
}
