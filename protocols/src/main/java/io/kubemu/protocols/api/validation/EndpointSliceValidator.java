package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.protocols.addr.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A discovery.k8s.io/v1 EndpointSlice as {@code ValidateEndpointSlice} checks it on create: the address type,
 * each endpoint's addresses in that type, and the ports. Its fields sit at the top level, not under spec.
 */
public final class EndpointSliceValidator {
  static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  static final int MAX_ADDRESSES = 100;

  private EndpointSliceValidator() {}

  public static List<FieldError> validate(EndpointSlice slice) {
    List<FieldError> errs = new ArrayList<>();
    String type = orEmpty(slice.getAddressType());
    if (type.isEmpty()) {
      errs.add(FieldError.required(FieldPath.of("addressType"), ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      errs.add(FieldError.notSupported(FieldPath.of("addressType"), type, ADDRESS_TYPES));
    }
    List<Endpoint> endpoints = LabelSelectors.orEmptyList(slice.getEndpoints());
    for (int i = 0; i < endpoints.size(); i++) {
      endpoint(endpoints.get(i), type, FieldPath.of("endpoints").index(i), errs);
    }
    ports(LabelSelectors.orEmptyList(slice.getPorts()), FieldPath.of("ports"), errs);
    return errs;
  }

  private static void endpoint(Endpoint endpoint, String type, FieldPath at, List<FieldError> errs) {
    FieldPath addressPath = at.child("addresses");
    List<String> addresses = LabelSelectors.orEmptyList(endpoint.getAddresses());
    if (addresses.isEmpty()) {
      errs.add(FieldError.required(addressPath, "must contain at least 1 address"));
    } else if (addresses.size() > MAX_ADDRESSES) {
      errs.add(FieldError.tooMany(addressPath, addresses.size(), MAX_ADDRESSES));
    }
    for (int i = 0; i < addresses.size(); i++) {
      String address = orEmpty(addresses.get(i));
      FieldPath p = addressPath.index(i);
      switch (type) {
        case "IPv4" -> ip(address, Formats.ipv4(address), p, errs);
        case "IPv6" -> ip(address, Formats.ipv6(address), p, errs);
        case "FQDN" -> fqdn(address, p, errs);
        default -> { }
      }
    }
    if (endpoint.getNodeName() != null) {
      String node = endpoint.getNodeName();
      Formats.dns1123Subdomain(node).forEach(m -> errs.add(FieldError.invalid(at.child("nodeName"), node, m)));
    }
    if (endpoint.getHostname() != null) {
      String host = endpoint.getHostname();
      Formats.dns1123Label(host).forEach(m -> errs.add(FieldError.invalid(at.child("hostname"), host, m)));
    }
  }

  /** An endpoint address of the slice's family that is also usable as one ({@code ValidateEndpointIP}). */
  private static void ip(String address, List<String> familyErrors, FieldPath at, List<FieldError> errs) {
    if (!familyErrors.isEmpty()) {
      familyErrors.forEach(m -> errs.add(FieldError.invalid(at, address, m)));
      return;
    }
    byte[] b = IpAddress.parse(address).toBytes();
    boolean v4 = b.length == 4;
    if (allZero(b)) {
      errs.add(FieldError.invalid(at, address, "may not be unspecified (" + address + ")"));
    }
    if (v4 ? (b[0] & 0xff) == 127 : isV6Loopback(b)) {
      errs.add(FieldError.invalid(at, address, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    if (v4 ? (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 : (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      errs.add(FieldError.invalid(at, address, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if (v4 ? (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0 : (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02) {
      errs.add(FieldError.invalid(at, address, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
  }

  /** {@code IsFullyQualifiedDomainName}: a subdomain of at least two labels, a trailing dot allowed. */
  private static void fqdn(String address, FieldPath at, List<FieldError> errs) {
    if (address.isEmpty()) {
      errs.add(FieldError.required(at, ""));
      return;
    }
    String name = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
    List<String> msgs = Formats.dns1123Subdomain(name);
    if (!msgs.isEmpty()) {
      errs.add(FieldError.invalid(at, name, String.join(",", msgs)));
    } else if (name.split("\\.").length < 2) {
      errs.add(FieldError.invalid(at, name, "should be a domain with at least two segments separated by dots"));
    }
  }

  private static void ports(List<EndpointPort> ports, FieldPath path, List<FieldError> errs) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      EndpointPort p = ports.get(i);
      FieldPath at = path.index(i);
      String name = orEmpty(p.getName());
      if (!name.isEmpty()) {
        Formats.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(at.child("name"), name, m)));
      }
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(at.child("name"), name));
      }
      String protocol = orEmpty(p.getProtocol());
      if (!protocol.isEmpty() && !PodValidator.PROTOCOLS.contains(protocol)) {
        errs.add(FieldError.notSupported(at.child("protocol"), protocol, PodValidator.PROTOCOLS));
      }
      if (p.getPort() != null) {
        int port = p.getPort();
        Formats.portNumber(port).forEach(m -> errs.add(FieldError.invalid(at.child("port"), port, m)));
      }
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isV6Loopback(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 1;
  }
}
