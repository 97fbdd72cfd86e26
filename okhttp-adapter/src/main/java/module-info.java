/**
 * apierrors for OkHttp: an application interceptor that turns error responses into
 * typed {@link dev.apierrors.ApiException}s, and a non-blocking call path.
 *
 * <p>OkHttp itself is not bundled: the user's OkHttp (4.12 {@code okhttp} or 5.x
 * {@code okhttp-jvm}, automatic module name {@code okhttp3}) is the one used.
 */
module dev.apierrors.okhttp {
  requires transitive dev.apierrors.core;
  requires transitive okhttp3;

  exports dev.apierrors.okhttp;
}
