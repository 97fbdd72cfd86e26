/**
 * apierrors for Jackson 3: {@link dev.apierrors.jackson3.Jackson3ValueConverter} converts the
 * values of an {@link dev.apierrors.ApiError} with the user's own {@code tools.jackson}
 * mapper. The user brings Jackson 3; this module does not bundle it.
 */
module dev.apierrors.jackson3 {
  requires transitive dev.apierrors.core;
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.apierrors.jackson3;
}
