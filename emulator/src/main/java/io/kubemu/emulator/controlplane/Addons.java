package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.protocols.api.ManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
  /** CoreDNS: its ConfigMap, Deployment and the kube-dns Service. */
  public static final String COREDNS = "addons/coredns.yaml";
  /** Calico's default-ipv4-ippool over the cluster CIDR ({@code CLUSTER_CIDR}), for the calico-bgp backend. */
  public static final String CALICO_IPPOOL = "addons/calico-ippool.yaml";

  /** A bundled manifest with the cluster's values put in for its {@code ${NAME}} placeholders. */
  public record Addon(String resource, String manifest) {
    public static Addon of(String resource, Map<String, String> values) {
      String text = read(resource);
      for (Map.Entry<String, String> v : values.entrySet()) {
        text = text.replace("${" + v.getKey() + "}", v.getValue());
      }
      if (text.contains("${")) {
        throw new IllegalStateException("add-on manifest " + resource + " has a placeholder nobody filled: "
            + text.substring(text.indexOf("${"), Math.min(text.length(), text.indexOf("${") + 40)));
      }
      return new Addon(resource, text);
    }

    /** The objects, in order. */
    List<HasMetadata> objects() {
      return ManifestLoader.load(resource, manifest);
    }
  }

  private Addons() {}

  private static String read(String resource) {
    try (InputStream in = Addons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("add-on manifest " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void ensure(ObjectStore store, List<Addon> addons, Logger log) {
    for (Addon addon : addons) {
      String resource = addon.resource();
      for (HasMetadata o : addon.objects()) {
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
