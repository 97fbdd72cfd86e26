package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HostKey}: its port bounds, its label (the port only when not the scheme's default), the user's key hidden. */
class HostKeyLabelTest {

  @ParameterizedTest(name = "{0}://{1}:{2} -> {3}")
  @CsvSource({
      "https, api.example.com, 443, api.example.com",
      "http, api.example.com, 80, api.example.com",
      "http, api.example.com, 443, api.example.com:443",
      "https, api.example.com, 80, api.example.com:80",
      "https, api.example.com, 8443, api.example.com:8443",
      "HTTP, API.Example.COM, 80, api.example.com",
      "https, h, 1, h:1",
      "https, h, 65535, h:65535",
  })
  void labelsTheHostWithItsPortWhenNotTheSchemesDefault(String scheme, String host, int port, String label) {
    HostKey key = HostKey.of(scheme, host, port);
    assertThat(key.label()).isEqualTo(label);
    assertThat(key).hasToString(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + label);
    assertThat(key.port()).isEqualTo(port);
  }

  @ParameterizedTest(name = "port {0}")
  @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE})
  void rejectsAPortOutside1To65535(int port) {
    assertThatThrownBy(() -> HostKey.of("https", "h", port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be in 1..65535, was " + port);
  }

  @Test
  void theUsersKeyTellsKeysApartButIsNeverShown() {
    HostKey plain = HostKey.of("https", "api.example.com", 443);
    HostKey keyed = plain.withUserKey("sk_live_secret");

    assertThat(plain.user()).isEmpty();
    assertThat(keyed.user()).contains("sk_live_secret");
    assertThat(keyed).isNotEqualTo(plain).isEqualTo(HostKey.of("https", "api.example.com", 443).withUserKey("sk_live_secret"));
    assertThat(keyed).hasToString("https://api.example.com (user key ****)");
    assertThat(keyed.label()).isEqualTo("api.example.com");
    assertThat(keyed.withUserKey(null)).isEqualTo(plain);
  }
}
