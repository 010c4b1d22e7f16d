package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.protocols.api.ManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;

/**
 * The add-ons a store creates when it starts, as kube-addon-manager's EnsureExists mode does: an
 * object that is missing is created through the ordinary create path (admission, allocation,
 * watches); one that exists is left as it is, even if a user changed it. A store that takes over
 * after a failover does the same, so an add-on deleted by hand comes back then.
 */
public final class Addons {
  /** ingress-nginx: its namespace, the default IngressClass, the controller's Deployment and NodePort Service. */
  public static final String INGRESS_NGINX = "addons/ingress-nginx.yaml";

  private Addons() {}

  /** The objects of a bundled add-on manifest, in order. */
  static List<HasMetadata> load(String resource) {
    try (InputStream in = Addons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("add-on manifest " + resource + " is missing from the classpath");
      }
      return ManifestLoader.load(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void ensure(ObjectStore store, List<String> resources, Logger log) {
    for (String resource : resources) {
      for (HasMetadata o : load(resource)) {
        String ns = o.getMetadata().getNamespace();
        if (store.get(o.getKind(), ns, o.getMetadata().getName()).isPresent()) {
          continue;
        }
        Writes.Outcome out = Writes.create(store, o.getKind(), ns, Json.write(o));
        if (out.code() != 201) {
          log.warn("add-on {}: could not create {} {}: {}", resource, o.getKind(), o.getMetadata().getName(), out.json());
        }
      }
    }
  }
}
