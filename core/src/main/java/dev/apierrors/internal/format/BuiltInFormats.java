package dev.apierrors.internal.format;

import dev.apierrors.spi.ErrorFormat;
import java.util.List;

/** The built-in formats in the order of the decoding table; the last always matches. */
public final class BuiltInFormats {
  /** Rows 1 to 13 of docs/specification.md §4, in order. */
  public static final List<ErrorFormat> ALL =
      List.of(
          new EmptyFormat(),
          new ProblemJsonFormat(),
          new ProblemXmlFormat(),
          new StatusErrorFormat(),
          new ErrorDescriptionFormat(),
          new MessageDescriptionFormat(),
          new CodeMessageFormat(),
          new ErrorsArrayFormat(),
          new NestedErrorFormat(),
          new MessageFormat(),
          new JsonValueFormat(),
          new HtmlFormat(),
          new PlainTextFormat());

  private BuiltInFormats() {}
}
