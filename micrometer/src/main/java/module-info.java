/**
 * apierrors for Micrometer: an {@link dev.apierrors.ApiErrorsListener} recording errors,
 * retries and waits per API host in a {@code MeterRegistry}.
 */
module dev.apierrors.micrometer {
  requires transitive dev.apierrors.core;
  requires transitive micrometer.core;
  requires static org.jspecify;

  exports dev.apierrors.micrometer;
}
