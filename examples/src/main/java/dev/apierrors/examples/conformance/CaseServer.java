package dev.apierrors.examples.conformance;

import dev.apierrors.examples.conformance.ConformanceCase.Body;
import dev.apierrors.examples.conformance.ConformanceCase.ResponseSpec;
import dev.apierrors.examples.support.Servers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.BufferedSink;

/**
 * A local MockWebServer serving a case's responses in order, the last one repeating.
 * Bodies are streamed, so a body of several megabytes costs no memory.
 *
 * <p>Not thread-safe beyond what MockWebServer guarantees; one per case. Close it.
 */
final class CaseServer implements AutoCloseable {
  private final MockWebServer server;
  private final List<ResponseSpec> responses;
  private final AtomicInteger served = new AtomicInteger();
  private final List<String> targets = new java.util.ArrayList<>();
  /** The index of the request the first 202 answered; -1 before one. Guarded by {@code targets}. */
  private int firstAccepted = -1;

  CaseServer(List<ResponseSpec> responses) throws IOException {
    this.responses = List.copyOf(responses);
    this.server = Servers.startLoopbackServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int index = served.getAndIncrement();
        ResponseSpec spec = spec(index);
        synchronized (targets) {
          targets.add(request.getTarget());
          if (spec.status() == 202 && firstAccepted < 0) {
            firstAccepted = targets.size() - 1;
          }
        }
        return toMockResponse(spec);
      }

      @Override
      public MockResponse peek() {
        // The server peeks before reading a request (e.g. to close at start).
        return toMockResponse(spec(served.get()));
      }
    });
  }

  HttpUrl url(String path) {
    return server.url(path);
  }

  /** How many requests the server received (a connection dropped at start counts as one). */
  int requestCount() {
    return server.getRequestCount();
  }

  /**
   * The path (with query) of each poll, in order: every request after the one the first
   * 202 answered (retries of the first request are not polls); empty when no 202 came.
   */
  List<String> pollTargets() {
    synchronized (targets) {
      return firstAccepted < 0 ? List.of() : List.copyOf(targets.subList(firstAccepted + 1, targets.size()));
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private ResponseSpec spec(int index) {
    return responses.get(Math.min(index, responses.size() - 1));
  }

  static MockResponse toMockResponse(ResponseSpec spec) {
    MockResponse.Builder b = new MockResponse.Builder().code(spec.status());
    Body body = spec.body();
    if (body != null) {
      b.body(new StreamedBody(body));
    }
    for (Map.Entry<String, String> header : spec.headers()) {
      if (header.getKey().equalsIgnoreCase("Content-Length")) {
        b.setHeader(header.getKey(), header.getValue()); // the case's own length wins
      } else {
        b.addHeaderLenient(header.getKey(), header.getValue());
      }
    }
    switch (spec.disconnect()) {
      case AT_START -> b.onRequestStart(new SocketEffect.CloseSocket());
      case AFTER_REQUEST -> b.onResponseStart(new SocketEffect.CloseSocket());
      case DURING_BODY -> b.onResponseBody(new SocketEffect.CloseSocket());
      case NONE -> { }
    }
    return b.build();
  }

  /** Writes prefix, text × times, suffix in chunks of about 64 KiB. */
  private static final class StreamedBody implements MockResponseBody {
    private final Body body;

    StreamedBody(Body body) {
      this.body = body;
    }

    @Override
    public long getContentLength() {
      return body.length();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(body.prefix());
      byte[] text = body.text();
      if (text.length > 0 && body.times() > 0) {
        long perChunk = Math.max(1, 65_536 / text.length);
        byte[] chunk = new byte[(int) (Math.min(perChunk, body.times()) * text.length)];
        for (int i = 0; i < chunk.length; i += text.length) {
          System.arraycopy(text, 0, chunk, i, text.length);
        }
        long remaining = body.times();
        while (remaining > 0) {
          long now = Math.min(remaining, chunk.length / text.length);
          sink.write(chunk, 0, (int) (now * text.length));
          sink.emit();
          remaining -= now;
        }
      }
      sink.write(body.suffix());
      sink.flush();
    }
  }
}
