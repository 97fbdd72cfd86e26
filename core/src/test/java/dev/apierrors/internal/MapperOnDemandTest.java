package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Building a decoder and decoding never build Jackson's {@code ObjectMapper} (most of a
 * fresh JVM's first decoder's cost): only converting an extension's value does. Run in a
 * class loader of its own over the test's class path, so that what it has loaded is this
 * test's doing alone, whatever other tests ran in this JVM.
 */
class MapperOnDemandTest {
  private static final String MAPPER_HOLDER = "dev.apierrors.internal.Json$Mapper";
  private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

  @Test
  void buildingADecoderAndDecodingLeaveTheMapperUnbuiltUntilAValueIsConverted() throws Exception {
    try (Isolated loader = new Isolated()) {
      Class<?> decoderType = loader.loadClass("dev.apierrors.ErrorDecoder");
      Object decoder = decoderType.getMethod("ofDefaults").invoke(null);
      Class<?> viewType = loader.loadClass("dev.apierrors.spi.ResponseView");
      Object viewBuilder = viewType.getMethod("builder", int.class).invoke(null, 422);
      Class<?> headersType = loader.loadClass("dev.apierrors.spi.HttpHeaders");
      Object headers = headersType.getMethod("of", String[].class)
          .invoke(null, (Object) new String[] {"Content-Type", "application/json"});
      invoke(viewBuilder, "headers", headersType, headers);
      invoke(viewBuilder, "body", String.class, "{\"code\":\"invalid\",\"message\":\"no\",\"limits\":{\"max\":3}}");
      Object view = viewBuilder.getClass().getMethod("build").invoke(viewBuilder);
      Object error = decoderType.getMethod("decode", viewType).invoke(decoder, view);
      assertThat(error.getClass().getMethod("code").invoke(error)).isEqualTo(Optional.of("invalid"));
      assertThat(error.toString()).contains("invalid");

      assertThat(loader.loaded(MAPPER_HOLDER)).as("the mapper's holder, after decoding").isFalse();
      assertThat(loader.loaded(OBJECT_MAPPER)).as("ObjectMapper, after decoding").isFalse();

      Method extension = error.getClass().getMethod("extension", String.class, Class.class);
      Object limits = extension.invoke(error, "limits", java.util.Map.class);
      assertThat(limits).hasToString("Optional[{max=3}]"); // its classes are the isolated loader's
      assertThat(loader.loaded(MAPPER_HOLDER)).as("the mapper's holder, after a conversion").isTrue();
    }
  }

  @Test
  void theDefaultConverterIsDescribedAsTheMapperItBuildsWithoutBuildingIt() throws Exception {
    try (Isolated loader = new Isolated()) {
      Object converter = loader.loadClass(Json.class.getName()).getMethod("defaultConverter").invoke(null);
      assertThat(converter.toString()).isEqualTo("JacksonValueConverter{com.fasterxml.jackson.databind.json.JsonMapper}");
      assertThat(loader.loaded(MAPPER_HOLDER)).isFalse();
    }
  }

  private static void invoke(Object target, String name, Class<?> parameter, Object argument) throws Exception {
    target.getClass().getMethod(name, parameter).invoke(target, argument);
  }

  /** The test's class path, loaded afresh: its parent is the platform loader, not the application's. */
  private static final class Isolated extends URLClassLoader {
    Isolated() {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    private static URL[] classPath() {
      List<URL> urls = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        try {
          urls.add(new File(entry).toURI().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalStateException(entry, e);
        }
      }
      return urls.toArray(new URL[0]);
    }
  }
}
