// Template for the README block marked <!-- compiled: RetrofitClient -->: the line
// /*README*/ below is replaced by that block, as written.
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

class RetrofitClient {
  Retrofit snippet() {
    /*README*/
    return retrofit;
  }
}
