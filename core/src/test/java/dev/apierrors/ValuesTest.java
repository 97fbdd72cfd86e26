package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.JacksonValueConverter;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.ValueConverter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Extensions as plain Java values, and bodyAs/extension through the decoder's converter:
 * the private default, or the user's own Jackson 2 mapper.
 */
class ValuesTest {
  private static final String JSON = "application/json";

  @Test
  void extensionsArePlainImmutableValuesOfTheDocumentedTypes() {
    ApiError error = Decoding.decode(400, JSON, "{\"message\":\"m\",\"s\":\"x\",\"i\":7,\"big\":123456789012345678901234567890,"
        + "\"d\":1.5,\"e\":1e3,\"t\":true,\"n\":null,\"list\":[1,\"a\",null,[]],\"obj\":{\"k\":{\"z\":false}}}");

    Map<String, Object> ext = error.extensions();
    assertThat(ext.keySet()).containsExactly("s", "i", "big", "d", "e", "t", "n", "list", "obj");
    assertThat(ext.get("s")).isEqualTo("x");
    assertThat(ext.get("i")).isEqualTo(7L);
    assertThat(ext.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(ext.get("d")).isEqualTo(1.5d);
    assertThat(ext.get("e")).isEqualTo(1000.0d);
    assertThat(ext.get("t")).isEqualTo(true);
    assertThat(ext).containsEntry("n", null);
    assertThat(ext.get("list")).isEqualTo(Arrays.asList(1L, "a", null, List.of()));
    assertThat(ext.get("obj")).isEqualTo(Map.of("k", Map.of("z", false)));

    assertThatThrownBy(() -> ext.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) ext.get("list");
    assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> obj = (Map<String, Object>) ext.get("obj");
    assertThatThrownBy(() -> obj.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRepeatedMemberKeepsItsFirstPlaceAndItsLastValue() {
    ApiError error = Decoding.decode(400, JSON, "{\"a\":1,\"b\":2,\"a\":3}");

    assertThat(error.extensions()).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
  }

  @Test
  void aJsonNullMemberIsPresentInTheMapButEmptyAsATypedValue() {
    ApiError error = Decoding.decode(400, JSON, "{\"message\":\"m\",\"n\":null}");

    assertThat(error.extensions()).containsKey("n");
    assertThat(error.extension("n", String.class)).isEmpty();
    assertThat(error.extension("absent", String.class)).isEmpty();
  }

  @Test
  void aMemberOfAnotherShapeThrowsWithTheReasonInsteadOfBeingEmpty() {
    ApiError error = Decoding.decode(400, JSON, "{\"message\":\"m\",\"balance\":\"thirty\"}");

    assertThatThrownBy(() -> error.extension("balance", Integer.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageStartingWith("cannot convert extension \"balance\" to java.lang.Integer: ")
        .hasMessageContaining("thirty")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  record Problem(String title, int balance) {}

  @Test
  void aBodyOfAnotherShapeThrowsWithTheReasonAndANonJsonBodyIsEmpty() {
    ApiError json = Decoding.decode(400, JSON, "[1,2]");
    ApiError text = Decoding.decode(400, "text/plain", "no JSON here");
    ApiError jsonNull = Decoding.decode(400, JSON, "null");

    assertThatThrownBy(() -> json.bodyAs(Problem.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageStartingWith("cannot convert the body to " + Problem.class.getTypeName() + ": ");
    assertThat(json.bodyAs(long[].class)).hasValueSatisfying(a -> assertThat(a).containsExactly(1, 2));
    assertThat(text.bodyAs(Problem.class)).isEmpty();
    assertThat(jsonNull.bodyAs(Problem.class)).isEmpty();
  }

  @Test
  void genericTypesConvertThroughAReflectType() {
    ApiError error = Decoding.decode(422, JSON,
        "{\"message\":\"m\",\"fields\":[{\"title\":\"a\",\"balance\":1},{\"title\":\"b\",\"balance\":2}]}");

    List<Problem> fields = error.<List<Problem>>extension("fields",
        new TypeReference<List<Problem>>() {}.getType()).orElseThrow();
    Map<String, Object> body = error.<Map<String, Object>>bodyAs(
        new TypeReference<Map<String, Object>>() {}.getType()).orElseThrow();

    assertThat(fields).containsExactly(new Problem("a", 1), new Problem("b", 2));
    assertThat(body).containsOnlyKeys("message", "fields");
  }

  @Test
  void primitiveTargetsConvertToTheirBoxes() {
    ApiError error = Decoding.decode(400, JSON, "{\"message\":\"m\",\"n\":42,\"ok\":true}");

    assertThat(error.extension("n", int.class)).contains(42);
    assertThat(error.extension("ok", boolean.class)).contains(true);
  }

  /** The SDK's own mapper never resolves a class name a server sends. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  public static class Polymorphic {
    public String title = "";
  }

  /** A subtype a body could name. */
  public static class Sub extends Polymorphic {}

  @Test
  void theDefaultMapperRefusesClassNamesFromTheBody() {
    String body = "{\"@class\":\"" + Sub.class.getName() + "\",\"title\":\"t\"}";
    ApiError error = Decoding.decode(400, JSON, body);
    ApiError lax = decodeWith(JacksonValueConverter.of(new ObjectMapper()), body);

    assertThatThrownBy(() -> error.bodyAs(Polymorphic.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("PolymorphicTypeValidator");
    // A mapper without the validator lets the body choose the class.
    assertThat(lax.bodyAs(Polymorphic.class)).containsInstanceOf(Sub.class);
  }

  @Test
  void theDefaultMapperIgnoresUnknownMembers() {
    ApiError error = Decoding.decode(400, JSON, "{\"title\":\"t\",\"balance\":3,\"whatever\":[1]}");

    assertThat(error.bodyAs(Problem.class)).contains(new Problem("t", 3));
  }

  record Money(long cents) {}

  record Account(String accountId, Money currentBalance) {}

  /** The user's mapper: snake_case, strict about unknown members, a module of their own. */
  private static ObjectMapper usersMapper() {
    SimpleModule money = new SimpleModule().addDeserializer(Money.class, new StdDeserializer<>(Money.class) {
      @Override
      public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        // "12.34" (a string of euros) -> 1234 cents
        return new Money(Math.round(Double.parseDouble(p.getValueAsString()) * 100));
      }
    });
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(money)
        .build();
  }

  private static ApiError decodeWith(ValueConverter converter, String body) {
    return ErrorDecoder.builder().valueConverter(converter).build()
        .decode(ResponseView.builder(402).body(body).build());
  }

  @Test
  void theUsersJackson2MapperAppliesItsNamingStrategyModulesAndStrictness() {
    ValueConverter users = JacksonValueConverter.of(usersMapper());
    ApiError error = decodeWith(users,
        "{\"message\":\"m\",\"account\":{\"account_id\":\"a1\",\"current_balance\":\"12.34\"}}");
    ApiError withUnknown = decodeWith(users,
        "{\"message\":\"m\",\"account\":{\"account_id\":\"a1\",\"current_balance\":\"1\",\"extra\":1}}");

    assertThat(error.extension("account", Account.class)).contains(new Account("a1", new Money(1234)));
    assertThatThrownBy(() -> withUnknown.extension("account", Account.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageContaining("\"extra\"");
  }

  @Test
  void aDecodersConverterIsKeptByToBuilder() {
    ValueConverter users = JacksonValueConverter.of(usersMapper());
    ErrorDecoder decoder = ErrorDecoder.builder().valueConverter(users).build();

    assertThat(decoder.valueConverter()).isSameAs(users);
    assertThat(decoder.toBuilder().build().valueConverter()).isSameAs(users);
    assertThat(ErrorDecoder.ofDefaults().valueConverter()).isNotSameAs(users);
  }

  @Test
  void aConverterReturningTheWrongTypeOrThrowingIsReportedNotPropagatedAsIs() {
    ApiError wrongType = decodeWith((value, target) -> "not a number", "{\"message\":\"m\",\"n\":1}");
    ApiError throwing = decodeWith((value, target) -> {
      throw new IOException("the converter broke");
    }, "{\"message\":\"m\",\"n\":1}");
    ApiError nulls = decodeWith((value, target) -> null, "{\"message\":\"m\",\"n\":1}");

    assertThatThrownBy(() -> wrongType.extension("n", Integer.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessage("cannot convert extension \"n\" to java.lang.Integer: the converter returned a java.lang.String");
    assertThatThrownBy(() -> throwing.bodyAs(Problem.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageEndingWith(": the converter broke")
        .hasCauseInstanceOf(IOException.class);
    assertThat(nulls.extension("n", Integer.class)).isEmpty();
  }

  @Test
  void aConversionMessageIsOneBoundedLineWithoutKnownCredentials() {
    String token = "sk_live_abcdefghijklmnop";
    ApiError error = ErrorDecoder.builder()
        .valueConverter((value, target) -> {
          throw new IllegalArgumentException("line one\nline two " + token + " " + "x".repeat(2000));
        })
        .build()
        .decode(ResponseView.builder(401)
            .body("{\"message\":\"m\",\"n\":1}")
            .requestHeaders(dev.apierrors.spi.HttpHeaders.of("Authorization", "Bearer " + token))
            .build());

    assertThatThrownBy(() -> error.extension("n", Integer.class))
        .isInstanceOfSatisfying(ErrorConversionException.class, e -> {
          assertThat(e.getMessage()).doesNotContain(token).doesNotContain("\n").contains("line one\\nline two");
          assertThat(e.getMessage().length()).isLessThanOrEqualTo(ApiException.MAX_MESSAGE_LENGTH);
          // The converter's own exception quotes the credential: it is not attached.
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void aCutObjectGivesItsCompleteMembersToBodyAsAndExtensions() {
    byte[] whole = "{\"title\":\"t\",\"balance\":3,\"items\":[1,2,3],\"tail\":\"cut here".getBytes(StandardCharsets.UTF_8);
    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(400)
        .body(BoundedBody.of(whole, true)).build());

    assertThat(error.extensions()).containsOnlyKeys("title", "balance", "items");
    assertThat(error.bodyAs(Problem.class)).contains(new Problem("t", 3));
  }

  @Test
  void aLargeBodyGivesTheSameValuesOnEveryCall() {
    StringBuilder json = new StringBuilder("{\"message\":\"big\"");
    for (int i = 0; i < 20_000; i++) {
      json.append(",\"m").append(i).append("\":").append(i);
    }
    ApiError error = ErrorDecoder.builder().maxBodyBytes(1 << 20).build()
        .decode(ResponseView.builder(400).body(json.append('}').toString()).build());

    assertThat(error.rawBody().length).isGreaterThan(64 * 1024);
    assertThat(error.extensions()).hasSize(20_000).containsEntry("m19999", 19_999L);
    assertThat(error.extensions()).isEqualTo(error.extensions());
    assertThat(error.rawBodyText()).isEqualTo(json.toString());
  }

  @Test
  void builderExtensionsAreCopiedIntoThePlainForm() {
    Map<String, Object> given = new HashMap<>();
    List<Object> list = new ArrayList<>(List.of(1, 2.5f));
    given.put("list", list);
    given.put("small", (short) 3);
    given.put("big", BigInteger.TEN);
    given.put("set", Set.of("only"));
    ApiError error = ApiError.builder(400).extensions(given).build();
    list.add("later");

    assertThat(error.extensions()).containsEntry("list", List.of(1L, 2.5d))
        .containsEntry("small", 3L).containsEntry("big", 10L).containsEntry("set", List.of("only"));
    assertThat(error.extension("small", Integer.class)).contains(3);
  }

  @Test
  void builderRejectsValuesThatAreNotPlain() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);

    assertThatThrownBy(() -> ApiError.builder(400).extensions(Map.of("when", java.time.Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extension \"when\" is a java.time.Instant");
    assertThatThrownBy(() -> ApiError.builder(400).extensions(Map.of("m", Map.of(1, "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a String");
    assertThatThrownBy(() -> ApiError.builder(400).extensions(cyclic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper than 500");
  }

  @Test
  void aHandBuiltErrorReadsItsRawBodyAsJson() {
    ApiError error = ApiError.builder(400)
        .rawBody("{\"title\":\"t\",\"balance\":9}".getBytes(StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, false)
        .build();

    assertThat(error.bodyAs(Problem.class)).contains(new Problem("t", 9));
    assertThat(error.rawBodyText()).isEqualTo("{\"title\":\"t\",\"balance\":9}");
    assertThat(error.extensions()).isEmpty();
  }
}
