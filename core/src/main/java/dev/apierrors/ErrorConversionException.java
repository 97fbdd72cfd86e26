package dev.apierrors;

import dev.apierrors.spi.ValueConverter;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link ApiError#bodyAs(Class)} and {@link ApiError#extension(String, Class)}
 * (and their {@code Type} forms) when a value is there but does not convert to the type
 * asked for: the message says which value, which type and why, in one line of at most
 * {@value ApiException#MAX_MESSAGE_LENGTH} characters with every credential the SDK knows
 * of masked. An absent value is not an error: it gives {@code Optional.empty()}.
 *
 * <p>Its cause is the {@link ValueConverter}'s exception, unless that exception's message
 * held a known credential: then only the masked reason is kept.
 *
 * <p>Unchecked: a body of another shape than the type is a programming or a contract
 * problem, like Jackson's own {@code IllegalArgumentException} from {@code convertValue}.
 */
public final class ErrorConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ErrorConversionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
