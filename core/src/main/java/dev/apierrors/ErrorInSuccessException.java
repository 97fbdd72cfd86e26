package dev.apierrors;

import java.util.Objects;

/**
 * An error reported with a success status: a {@link SuccessErrorDetector} recognised the
 * 2xx response's body as an error (Slack's {@code {"ok": false}}, GraphQL's
 * {@code {"errors": [...], "data": null}}, or a detector of your own). {@link #error()} is
 * the body decoded by the usual rules, with the 2xx status; {@link #detector()} names the
 * detector.
 *
 * <p>Thread-safety: immutable.
 */
public class ErrorInSuccessException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The name of the detector that recognised the error. */
  private final String detector;

  /**
   * Creates the exception.
   *
   * @param error the decoded 2xx response
   * @param attempts how many times the request was sent
   * @param detector the name of the detector that recognised the error
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public ErrorInSuccessException(ApiError error, int attempts, String detector) {
    super(error, attempts);
    this.detector = Objects.requireNonNull(detector, "detector");
  }

  /** {@return the name of the detector that recognised the error ({@code slack}, {@code graphql}, ...)} */
  public String detector() {
    return detector;
  }

  @Override
  public ApiException withAttempts(int attempts) {
    ErrorInSuccessException copy = new ErrorInSuccessException(error(), attempts, detector);
    copy.setStackTrace(getStackTrace());
    return copy;
  }
}
