package io.kubemu.nodes.pod;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;

/** What the CNI plugin gave a pod: its address and MAC on eth0, the node's pod CIDR and gateway, the MTU. */
public record PodNetConfig(Ipv4Address ip, MacAddress mac, Ipv4Cidr podCidr, Ipv4Address gateway,
    Ipv4Cidr clusterCidr, int mtu) {}
