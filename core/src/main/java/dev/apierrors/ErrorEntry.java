package dev.apierrors;

import dev.apierrors.internal.OneLine;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an error's {@code errors} list: typically one invalid field of a
 * validation failure. Every member may be absent.
 *
 * <p>{@link #toString()} is one line of at most 2,000 characters, control characters
 * escaped; an entry of an {@link ApiError} also masks the credentials of the request it
 * answers (see {@link ApiError#errors()}).
 *
 * <p>Thread-safety: immutable.
 */
public final class ErrorEntry {
  private final @Nullable String field;
  private final @Nullable String code;
  private final @Nullable String title;
  private final @Nullable String detail;
  /** Masked in {@link #toString()}; not part of the value (equals ignores it). */
  private final Set<String> secrets;

  private ErrorEntry(@Nullable String field, @Nullable String code, @Nullable String title,
      @Nullable String detail, Set<String> secrets) {
    this.field = field;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.secrets = secrets;
  }

  /**
   * Returns an entry; any argument may be null for "absent".
   *
   * @param field the field or JSON pointer the entry is about, or null
   * @param code the entry's code, or null
   * @param title the entry's summary, or null
   * @param detail the entry's explanation, or null
   * @return the entry
   */
  public static ErrorEntry of(
      @Nullable String field, @Nullable String code, @Nullable String title, @Nullable String detail) {
    return new ErrorEntry(field, code, title, detail, Set.of());
  }

  /**
   * Returns an entry with only a detail, as from an array of strings.
   *
   * @param detail the entry's explanation
   * @return the entry
   */
  public static ErrorEntry ofDetail(String detail) {
    return new ErrorEntry(null, null, null, Objects.requireNonNull(detail, "detail"), Set.of());
  }

  /** This entry, masking {@code secrets} in its {@code toString()} as well. */
  ErrorEntry masking(Set<String> secrets) {
    return secrets.isEmpty() || this.secrets.containsAll(secrets)
        ? this
        : new ErrorEntry(field, code, title, detail, secrets);
  }

  /** {@return the field or JSON pointer the entry is about ({@code pointer}, {@code field}, {@code name}, ...)} */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** {@return the entry's machine-readable code} */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** {@return the entry's short summary} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** {@return the entry's human-readable explanation} */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorEntry e
        && Objects.equals(field, e.field)
        && Objects.equals(code, e.code)
        && Objects.equals(title, e.title)
        && Objects.equals(detail, e.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, code, title, detail);
  }

  /** One bounded line: the members present, control characters escaped, credentials masked. */
  @Override
  public String toString() {
    return OneLine.of("ErrorEntry", secrets)
        .add("field", field).add("code", code).add("title", title).add("detail", detail)
        .toString();
  }
}
