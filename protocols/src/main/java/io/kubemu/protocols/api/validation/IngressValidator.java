package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.List;

/** {@code spec} of a networking.k8s.io/v1 Ingress as {@code ValidateIngressCreate} checks it. */
public final class IngressValidator {
  static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");

  private IngressValidator() {}

  public static List<FieldError> validate(Ingress ingress) {
    IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    List<IngressRule> rules = LabelSelectors.orEmptyList(spec.getRules());
    if (rules.isEmpty() && spec.getDefaultBackend() == null) {
      errs.add(FieldError.invalidRendered(path, "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
    }
    if (spec.getDefaultBackend() != null) {
      backend(spec.getDefaultBackend(), path.child("defaultBackend"), errs);
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), path.child("rules").index(i), errs);
    }
    if (spec.getIngressClassName() != null) {
      String name = spec.getIngressClassName();
      Formats.dns1123Subdomain(name).forEach(m -> errs.add(FieldError.invalid(path.child("ingressClassName"), name, m)));
    }
    return errs;
  }

  private static void rule(IngressRule rule, FieldPath at, List<FieldError> errs) {
    String host = orEmpty(rule.getHost());
    if (!host.isEmpty()) {
      FieldPath hp = at.child("host");
      if (Formats.ip(host).isEmpty()) {
        errs.add(FieldError.invalid(hp, host, "must be a DNS name, not an IP address"));
      }
      List<String> msgs = host.contains("*") ? Formats.wildcardDns1123Subdomain(host) : Formats.dns1123Subdomain(host);
      msgs.forEach(m -> errs.add(FieldError.invalid(hp, host, m)));
    }
    if (rule.getHttp() != null) {
      List<HTTPIngressPath> paths = LabelSelectors.orEmptyList(rule.getHttp().getPaths());
      FieldPath pp = at.child("http").child("paths");
      if (paths.isEmpty()) {
        errs.add(FieldError.required(pp, ""));
      }
      for (int i = 0; i < paths.size(); i++) {
        httpPath(paths.get(i), pp.index(i), errs);
      }
    }
  }

  private static void httpPath(HTTPIngressPath p, FieldPath at, List<FieldError> errs) {
    if (p.getPathType() == null) {
      errs.add(FieldError.required(at.child("pathType"), "pathType must be specified"));
      return;
    }
    String path = orEmpty(p.getPath());
    FieldPath pathField = at.child("path");
    switch (p.getPathType()) {
      case "Exact", "Prefix" -> {
        if (!path.startsWith("/")) {
          errs.add(FieldError.invalid(pathField, path, "must be an absolute path"));
        }
        for (String seq : INVALID_SEQUENCES) {
          if (path.contains(seq)) {
            errs.add(FieldError.invalid(pathField, path, "must not contain '" + seq + "'"));
          }
        }
        for (String suffix : INVALID_SUFFIXES) {
          if (path.endsWith(suffix)) {
            errs.add(FieldError.invalid(pathField, path, "cannot end with '" + suffix + "'"));
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!path.isEmpty() && !path.startsWith("/")) {
          errs.add(FieldError.invalid(pathField, path, "must be an absolute path"));
        }
      }
      default -> errs.add(FieldError.notSupported(at.child("pathType"), p.getPathType(), PATH_TYPES));
    }
    backend(p.getBackend() == null ? new IngressBackend() : p.getBackend(), at.child("backend"), errs);
  }

  private static void backend(IngressBackend backend, FieldPath at, List<FieldError> errs) {
    IngressServiceBackend service = backend.getService();
    TypedLocalObjectReference resource = backend.getResource();
    if (service != null && resource != null) {
      errs.add(FieldError.invalid(at, "", "cannot set both resource and service backends"));
    } else if (resource != null) {
      resource(resource, at.child("resource"), errs);
    } else if (service != null) {
      service(service, at, errs);
    } else {
      errs.add(FieldError.invalid(at, "", "resource or service backend is required"));
    }
  }

  private static void service(IngressServiceBackend service, FieldPath at, List<FieldError> errs) {
    String name = orEmpty(service.getName());
    FieldPath namePath = at.child("service").child("name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(namePath, ""));
    } else {
      Formats.dns1035Label(name).forEach(m -> errs.add(FieldError.invalid(namePath, name, m)));
    }
    ServiceBackendPort port = service.getPort() == null ? new ServiceBackendPort() : service.getPort();
    String portName = orEmpty(port.getName());
    int number = port.getNumber() == null ? 0 : port.getNumber();
    FieldPath portPath = at.child("service").child("port");
    if (!portName.isEmpty() && number != 0) {
      errs.add(FieldError.invalid(at, "", "cannot set both port name & port number"));
    } else if (!portName.isEmpty()) {
      Formats.portName(portName).forEach(m -> errs.add(FieldError.invalid(portPath.child("name"), portName, m)));
    } else if (number != 0) {
      Formats.portNumber(number).forEach(m -> errs.add(FieldError.invalid(portPath.child("number"), number, m)));
    } else {
      errs.add(FieldError.required(at, "port name or number is required"));
    }
  }

  private static void resource(TypedLocalObjectReference ref, FieldPath at, List<FieldError> errs) {
    if (ref.getApiGroup() != null) {
      String group = ref.getApiGroup();
      Formats.dns1123Subdomain(group).forEach(m -> errs.add(FieldError.invalid(at.child("apiGroup"), group, m)));
    }
    if (orEmpty(ref.getKind()).isEmpty()) {
      errs.add(FieldError.required(at.child("kind"), ""));
    }
    if (orEmpty(ref.getName()).isEmpty()) {
      errs.add(FieldError.required(at.child("name"), ""));
    }
  }
}
