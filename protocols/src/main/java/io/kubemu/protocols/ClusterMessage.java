package io.kubemu.protocols;

/**
 * Marks a message that may cross a JVM boundary. Pekko binds this interface to the project's Kryo
 * serializer; every implementing class must also be registered with an explicit id
 * ({@code kubemu.serialization.kryo.registrations} in reference.conf), the same on every JVM.
 */
public interface ClusterMessage {}
