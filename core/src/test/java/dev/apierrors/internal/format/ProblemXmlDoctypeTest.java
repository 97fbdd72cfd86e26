package dev.apierrors.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.internal.DecodedBody;
import dev.apierrors.spi.HttpHeaders;
import org.junit.jupiter.api.Test;

class ProblemXmlDoctypeTest {
  @Test
  void aDocumentWithAnyDoctypeIsNotProblemXmlEvenAHarmlessOne() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE problem [<!ENTITY who \"INJECTED\">]>"
        + "<problem xmlns=\"urn:ietf:rfc:7807\"><title>&who;</title></problem>";

    assertThat(new ProblemXmlFormat().decode(
            DecodedBody.of(400, HttpHeaders.of("Content-Type", "application/problem+xml"), xml, null, false)))
        .isEmpty();
  }
}
