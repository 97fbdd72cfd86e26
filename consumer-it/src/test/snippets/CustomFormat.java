// Template for the README block marked <!-- compiled: CustomFormat -->: the line
// /*README*/ below is replaced by that block, as written.
import dev.apierrors.ErrorDecoder;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;
import java.util.Set;

class CustomFormat {
  void snippet() {
    /*README*/
  }
}
