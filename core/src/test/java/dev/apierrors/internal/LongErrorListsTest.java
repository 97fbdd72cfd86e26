package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.ErrorEntry;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Error lists longer than what the built-in formats' parse keeps in its tree (the root
 * {@code errors} array's first 16 objects): every entry still comes out, in order, the
 * formats see the first ones, and lists elsewhere in the body are kept whole.
 */
class LongErrorListsTest {
  private static final int ENTRIES = 20;

  private static ApiError decode(String json) {
    return decode(ErrorDecoder.ofDefaults(), json);
  }

  private static ApiError decode(ErrorDecoder decoder, String json) {
    return decoder.decode(ResponseView.builder(422)
        .headers(HttpHeaders.of("Content-Type", "application/json")).body(json).build());
  }

  private static String objects(String format) {
    return IntStream.range(0, ENTRIES).mapToObj(i -> format.replace("#", String.valueOf(i)))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static List<String> details(ApiError error) {
    return error.errors().stream().map(e -> e.detail().orElse("-")).toList();
  }

  private static List<String> expected(String format) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      out.add(format.replace("#", String.valueOf(i)));
    }
    return out;
  }

  @Test
  void aRootErrorsArrayGivesEveryEntryAndTheFormatReadsTheFirst() {
    ApiError error = decode("{\"errors\":" + objects("{\"message\":\"m#\",\"code\":\"C#\"}") + "}");

    assertThat(error.format()).isEqualTo("errors_array");
    assertThat(error.detail()).hasValue("m0");
    assertThat(error.code()).hasValue("C0");
    assertThat(details(error)).isEqualTo(expected("m#"));
    assertThat(error.errors().get(ENTRIES - 1).code()).hasValue("C19");
  }

  @Test
  void aNestedErrorsArrayIsKeptWhole() {
    ApiError error = decode("{\"error\":{\"message\":\"invalid\",\"errors\":"
        + objects("{\"message\":\"n#\"}") + "}}");

    assertThat(error.format()).isEqualTo("nested_error");
    assertThat(details(error)).isEqualTo(expected("n#"));
  }

  @Test
  void aFastApiDetailArrayIsKeptWhole() {
    ApiError error = decode("{\"detail\":" + objects("{\"loc\":[\"body\",\"f#\"],\"msg\":\"bad #\",\"type\":\"t\"}") + "}");

    assertThat(details(error)).isEqualTo(expected("bad #"));
    assertThat(error.errors().get(ENTRIES - 1).field()).hasValue("body.f19");
  }

  @Test
  void aUsersFormatSeesTheWholeErrorsArray() {
    List<Integer> sizes = new ArrayList<>();
    ErrorFormat counting = new ErrorFormat() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public Optional<ErrorFields> decode(ErrorBody body) {
        sizes.add(body.json().map(j -> j.get("errors").size()).orElse(-1));
        return Optional.of(ErrorFields.builder().title("counted").build());
      }
    };

    ApiError error = decode(ErrorDecoder.builder().addFormat(counting).build(),
        "{\"errors\":" + objects("{\"message\":\"m#\"}") + "}");

    assertThat(sizes).containsExactly(ENTRIES);
    assertThat(error.format()).isEqualTo("counting");
    assertThat(details(error)).isEqualTo(expected("m#"));
  }

  @Test
  void valuesThatAreNotObjectsStayInTheTreeHoweverMany() {
    // status_error's detail is the first string in errors: here after twenty nulls.
    ApiError error = decode("{\"status\":\"ERROR\",\"error\":\"Validation failed\",\"errors\":["
        + "null,".repeat(ENTRIES) + "\"the first string\"]}");

    assertThat(error.format()).isEqualTo("status_error");
    assertThat(error.title()).isEqualTo("Validation failed");
    assertThat(error.detail()).hasValue("the first string");
  }

  @Test
  void entriesThatAreNotObjectsAreCollectedInOrderToo() {
    ApiError error = decode("{\"errors\":[" + IntStream.range(0, ENTRIES)
        .mapToObj(i -> i % 2 == 0 ? "{\"message\":\"o" + i + "\"}" : "\"s" + i + "\"")
        .collect(Collectors.joining(",")) + "]}");

    assertThat(error.errors()).extracting(ErrorEntry::detail)
        .containsExactlyElementsOf(IntStream.range(0, ENTRIES)
            .mapToObj(i -> Optional.of((i % 2 == 0 ? "o" : "s") + i)).toList());
  }
}
