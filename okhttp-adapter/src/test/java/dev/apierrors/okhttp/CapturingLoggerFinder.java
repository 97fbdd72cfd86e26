package dev.apierrors.okhttp;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The tests' {@link System.LoggerFinder} (installed through META-INF/services): every
 * {@code dev.apierrors} logger records what it is given, at every level, so that tests
 * can read the lines the SDK logs. Other loggers are not recorded.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
  /** One logged line. */
  record Line(String logger, System.Logger.Level level, String message) {}

  private static final List<Line> LINES = new CopyOnWriteArrayList<>();

  /** The lines logged so far (since the last {@link #clear()}). */
  static List<Line> lines() {
    return List.copyOf(LINES);
  }

  static void clear() {
    LINES.clear();
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Recording(name);
  }

  private static final class Recording implements System.Logger {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return name.startsWith("dev.apierrors");
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        LINES.add(new Line(name, level, msg));
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        LINES.add(new Line(name, level, params == null || params.length == 0 ? format
            : MessageFormat.format(format, params)));
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        LINES.add(new Line(name, level, msgSupplier.get()));
      }
    }
  }
}
