// Template for the README block marked <!-- compiled: RetryEvents -->: the line
// /*README*/ below is replaced by that block, as written. LOG is the quick start's.
import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import io.github.resilience4j.retry.Retry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

class RetryEvents {
  private static final Logger LOG = System.getLogger(RetryEvents.class.getName());

  void snippet(RetryPolicy policy) {
    /*README*/
  }
}
