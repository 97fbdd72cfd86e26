// Template for the README block marked <!-- compiled: RetryPolicyConfig -->: the line
// /*README*/ below is replaced by that block, as written.
import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.time.Duration;
import okhttp3.OkHttpClient;

class RetryPolicyConfig {
  OkHttpClient snippet() {
    /*README*/
    return client;
  }
}
