// Template for the README block marked <!-- compiled: AsyncCall -->: the line
// /*README*/ below is replaced by that block, as written.
import dev.apierrors.okhttp.AsyncCaller;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

class AsyncCall {
  void snippet(OkHttpClient client, Request request) {
    /*README*/
  }
}
