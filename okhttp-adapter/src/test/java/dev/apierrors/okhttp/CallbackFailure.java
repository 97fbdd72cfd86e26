package dev.apierrors.okhttp;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What a user's callback throws in the tests that prove a throwing callback changes nothing:
 * a {@link RuntimeException} and an {@link Error}, each made fresh at every throw.
 */
enum CallbackFailure {
  RUNTIME_EXCEPTION {
    @Override
    Throwable make() {
      return new IllegalStateException("listener bug");
    }
  },
  ERROR {
    @Override
    Throwable make() {
      return new AssertionError("listener error");
    }
  };

  abstract Throwable make();

  /** Throws a fresh one: what the callback does in place of its work. */
  void raise() {
    Throwable t = make();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    throw (Error) t;
  }

  /** Every call path of {@code paths} with each failure: the arguments of a parameterized test. */
  static Stream<Arguments> withEach(Object[] paths) {
    return Arrays.stream(paths).flatMap(path -> Arrays.stream(values()).map(failure -> Arguments.of(path, failure)));
  }
}
