package io.kubemu.nodes.pod;

import java.util.List;
import java.util.Map;

/** What the kubelet needs of one container of a Pod: its name, image and command line. */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, Map<String, String> env) {}
