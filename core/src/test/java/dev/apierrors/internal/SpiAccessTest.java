package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiError;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.Secrets;
import org.junit.jupiter.api.Test;

/** The hooks between core's packages are installed by their owners, once: nothing else can replace them. */
class SpiAccessTest {
  @Test
  void aHookCannotBeReplacedOnceItsOwnerInstalledIt() {
    // Using each owner runs its static initializer, which installs its hook.
    BoundedBody.of(new byte[0], false);
    ApiError.builder(400).build();
    Secrets.none();

    assertThatThrownBy(() -> SpiAccess.installBodyBytes(body -> new byte[0]))
        .isInstanceOf(IllegalStateException.class).hasMessage("already installed");
    assertThatThrownBy(() -> SpiAccess.installBodyAdopter(
            (builder, bytes, charset, text, truncated, cut, json, fieldMembers) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessage("already installed");
    assertThatThrownBy(() -> SpiAccess.installSecretValues(secrets -> java.util.Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessage("already installed");
  }
}
