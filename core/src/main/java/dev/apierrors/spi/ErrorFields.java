package dev.apierrors.spi;

import dev.apierrors.internal.OneLine;
import dev.apierrors.ApiError;
import dev.apierrors.ErrorEntry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ErrorFormat} read from a body: the format-specific fields of an
 * {@link ApiError}. Absent members fall back to the decoder's common rules (the
 * title to the reason phrase, the code and the errors to the top-level members).
 *
 * <p>Thread-safety: immutable.
 */
public final class ErrorFields {
  private final @Nullable String title;
  private final @Nullable String detail;
  private final @Nullable String code;
  private final @Nullable String type;
  private final @Nullable String instance;
  private final @Nullable List<ErrorEntry> errors;
  private final @Nullable String requestId;
  private final Set<String> consumedMembers;

  private ErrorFields(Builder b) {
    this.title = b.title;
    this.detail = b.detail;
    this.code = b.code;
    this.type = b.type;
    this.instance = b.instance;
    this.errors = b.errors;
    this.requestId = b.requestId;
    this.consumedMembers = Set.copyOf(b.consumedMembers);
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the title; absent means the reason phrase} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** {@return the detail} */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * The format's own code; a top-level {@code code}, {@code error_code} or
   * {@code errorCode} member of a JSON body takes precedence over it.
   *
   * @return the format's own code, or empty when it has none
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** {@return the problem type (problem formats)} */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** {@return the problem instance (problem formats)} */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /** {@return the format's own error entries; absent means the top-level {@code errors} rule} */
  public Optional<List<ErrorEntry>> errors() {
    return Optional.ofNullable(errors);
  }

  /**
   * The request id the body names (an XML error's {@code RequestId}, say); a request-id
   * header of the response takes precedence over it.
   *
   * @return the request id, when the body names one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** {@return the top-level JSON members this format consumed: they are not extensions} */
  public Set<String> consumedMembers() {
    return consumedMembers;
  }

  /**
   * One line of at most 2,000 characters: the members present, control characters
   * escaped, at most 10 errors and how many more.
   */
  @Override
  public String toString() {
    return OneLine.of("ErrorFields")
        .add("title", title).add("detail", detail).add("code", code).add("type", type).add("instance", instance)
        .list("errors", errors == null ? List.of() : errors)
        .list("consumedMembers", consumedMembers)
        .toString();
  }

  /** Builds {@link ErrorFields}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable String detail;
    private @Nullable String code;
    private @Nullable String type;
    private @Nullable String instance;
    private @Nullable List<ErrorEntry> errors;
    private @Nullable String requestId;
    private Set<String> consumedMembers = Set.of();

    private Builder() {}

    /**
     * Sets the title; null or blank means the reason phrase.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(@Nullable String title) {
      this.title = title == null || title.isBlank() ? null : title;
      return this;
    }

    /**
     * Sets the detail; null for none.
     *
     * @param detail the detail, or null for none
     * @return this builder
     */
    public Builder detail(@Nullable String detail) {
      this.detail = detail;
      return this;
    }

    /**
     * Sets the format's own code; null for none.
     *
     * @param code the format's own code, or null for none
     * @return this builder
     */
    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    /**
     * Sets the problem type; null for none.
     *
     * @param type the problem type, or null for none
     * @return this builder
     */
    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    /**
     * Sets the problem instance; null for none.
     *
     * @param instance the problem instance, or null for none
     * @return this builder
     */
    public Builder instance(@Nullable String instance) {
      this.instance = instance;
      return this;
    }

    /**
     * Sets the format's own error entries, replacing the top-level {@code errors} rule.
     *
     * @param errors the format's own error entries
     * @return this builder
     */
    public Builder errors(List<ErrorEntry> errors) {
      this.errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
      return this;
    }

    /**
     * Sets the request id the body names; null or blank for none.
     *
     * @param requestId the request id
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId == null || requestId.isBlank() ? null : requestId;
      return this;
    }

    /**
     * Names the top-level JSON members this format consumed (they are not extensions).
     *
     * @param names the members' names
     * @return this builder
     */
    public Builder consumedMembers(Set<String> names) {
      this.consumedMembers = Set.copyOf(names);
      return this;
    }

    /** {@return the immutable fields} */
    public ErrorFields build() {
      return new ErrorFields(this);
    }
  }
}
