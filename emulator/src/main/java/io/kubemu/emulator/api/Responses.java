package io.kubemu.emulator.api;

import io.kubemu.emulator.controlplane.Statuses;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** HTTP responses in the shapes the Kubernetes API uses. */
final class Responses {
  private Responses() {}

  static HttpResponse json(int status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, body);
  }

  static HttpResponse text(int status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.TEXT_PLAIN_UTF8, body);
  }

  /** The API server's answer for a path it does not serve (an unknown group, version or resource). */
  static HttpResponse notFound() {
    return status(404, "NotFound", "the server could not find the requested resource");
  }

  /** A metav1.Status failure, as the API server returns for errors. */
  static HttpResponse status(int code, String reason, String message) {
    return json(code, Statuses.failure(code, reason, message));
  }
}
