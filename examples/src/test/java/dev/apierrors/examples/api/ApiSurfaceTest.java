package dev.apierrors.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.jackson3.Jackson3ValueConverter;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of every published module, as a reviewed snapshot: each exported package
 * (read from the module's own {@code module-info}), its public types, and their public and
 * protected members. Any difference fails, so the API changes only on purpose: review the
 * diff, then regenerate the snapshot with
 * {@code mvn -pl examples -am test -Dtest=ApiSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.snapshot.update=true}.
 */
class ApiSurfaceTest {
  private static final Path SNAPSHOT = Path.of("src/test/resources/api/surface.txt");

  /** One class of each published module: where to find its classes and its module-info. */
  private static final List<Class<?>> MODULES =
      List.of(ApiError.class, ApiErrorsInterceptor.class, Jackson3ValueConverter.class);

  @Test
  void thePublicApiIsTheReviewedOne() throws Exception {
    String actual = surface();

    if (Boolean.getBoolean("api.snapshot.update")) {
      Files.createDirectories(SNAPSHOT.getParent());
      Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as("the public API differs from %s: review the difference, then regenerate it with "
            + "mvn -pl examples -am test -Dtest=ApiSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dapi.snapshot.update=true", SNAPSHOT)
        .isEqualTo(expected);
  }

  @Test
  void theSurfaceListsPublicMembersAndLeavesOutWhatIsNotApi() throws Exception {
    String surface = surface();

    assertThat(surface)
        .contains("module dev.apierrors.core\n")
        .contains("public final class dev.apierrors.ApiError implements java.io.Serializable\n")
        .contains("  public <T> java.util.Optional<T> dev.apierrors.ApiError.bodyAs(java.lang.Class<T>)\n")
        .doesNotContain("dev.apierrors.internal")
        .doesNotContain("ApiError.scrub(")
        .doesNotContain("SerializedForm")
        // Inherited from the adapter's package-private settings builder: still API.
        .contains("  public B dev.apierrors.okhttp.SettingsBuilder.retryPolicy(dev.apierrors.RetryPolicy)\n");
  }

  static String surface() throws IOException, URISyntaxException, ClassNotFoundException {
    StringBuilder out = new StringBuilder();
    for (Class<?> anchor : MODULES) {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root)) {
        Path classes = jar == null ? root : jar.getPath("/");
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
          module = ModuleDescriptor.read(in);
        }
        out.append("module ").append(module.name()).append('\n');
        List<String> exported = module.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .sorted()
            .collect(Collectors.toList());
        for (String pkg : exported) {
          out.append("package ").append(pkg).append('\n');
          for (Class<?> type : publicTypes(classes, pkg, anchor.getClassLoader())) {
            describe(type, out);
          }
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static List<Class<?>> publicTypes(Path classes, String pkg, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    Path dir = classes.resolve(pkg.replace('.', '/'));
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
          .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
          .sorted()
          .collect(Collectors.toList());
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, loader);
      if (isVisible(type) && !type.isAnonymousClass() && !type.isSynthetic()) {
        types.add(type);
      }
    }
    return types;
  }

  /** Public, and nested only in public types (a protected nested type of a public type counts too). */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      int m = t.getModifiers();
      boolean nestedProtected = t.getEnclosingClass() != null && Modifier.isProtected(m);
      if (!Modifier.isPublic(m) && !nestedProtected) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> type, StringBuilder out) {
    out.append(header(type)).append('\n');
    List<String> members = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (isApi(f)) {
        members.add(f.toGenericString());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(c)) {
        members.add(c.toGenericString());
      }
    }
    // A public method inherited from a class users can't see (a package-private base
    // builder, say) is API of this type too.
    for (Class<?> c = type; c != null && (c == type || !isVisible(c)); c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (isApi(m) && !m.isBridge()) {
          members.add(m.toGenericString());
        }
      }
    }
    members.stream().sorted().forEach(m -> out.append("  ").append(m).append('\n'));
  }

  private static boolean isApi(Member member) {
    int m = member.getModifiers();
    boolean synthetic = member.isSynthetic() || (member instanceof Executable e && e.isSynthetic());
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && !synthetic;
  }

  private static String header(Class<?> type) {
    StringBuilder sb = new StringBuilder(type.toGenericString());
    Type parent = type.getGenericSuperclass();
    if (parent != null && parent != Object.class && !type.isEnum() && !type.isRecord()) {
      sb.append(" extends ").append(parent.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      sb.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }
}
