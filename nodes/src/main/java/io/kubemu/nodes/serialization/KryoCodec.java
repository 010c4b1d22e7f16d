package io.kubemu.nodes.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.ByteBufferOutput;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * One Kryo with its buffers, used by one thread at a time (the serializer pools them). Buffers
 * that wrap a caller's ByteBuffer are detached before this codec is used again, so a codec never
 * writes into an Artery envelope that has gone back to Artery's pool.
 */
final class KryoCodec {
  private static final int INITIAL_BUFFER = 4 * 1024;
  private static final int MAX_RETAINED_BUFFER = 1024 * 1024;
  private static final byte[] NO_BYTES = new byte[0];

  private final Kryo kryo;
  private final Input input = new Input();
  private final ByteBufferInput bufferInput = new ByteBufferInput();
  private final ByteBufferOutput bufferOutput = new ByteBufferOutput();
  private final ByteBuffer detached = ByteBuffer.allocate(0);
  private Output output = new Output(INITIAL_BUFFER, -1);

  KryoCodec(Kryo kryo) {
    this.kryo = kryo;
  }

  Kryo kryo() {
    return kryo;
  }

  byte[] write(Object message) {
    try {
      kryo.writeClassAndObject(output, message);
      return output.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      throw writeFailure(message, e);
    } finally {
      if (output.getBuffer().length > MAX_RETAINED_BUFFER) {
        output = new Output(INITIAL_BUFFER, -1);
      } else {
        output.reset();
      }
    }
  }

  /** Writes at the buffer's position, never past its capacity; overflow is Artery's oversized-payload case. */
  void write(Object message, ByteBuffer buffer) {
    bufferOutput.setBuffer(buffer);
    try {
      kryo.writeClassAndObject(bufferOutput, message);
    } catch (KryoException | IllegalArgumentException e) {
      if (isOverflow(e)) {
        throw new BufferOverflowException();
      }
      throw writeFailure(message, e);
    } finally {
      bufferOutput.setBuffer(detached);
    }
  }

  Object read(byte[] bytes) {
    input.setBuffer(bytes);
    try {
      return readWhole(input, bytes.length);
    } finally {
      input.setBuffer(NO_BYTES);
    }
  }

  /** Reads from the buffer's position to its limit and leaves the position at the limit. */
  Object read(ByteBuffer buffer) {
    bufferInput.setBuffer(buffer);
    try {
      Object message = readWhole(bufferInput, buffer.limit() - buffer.position());
      buffer.position(bufferInput.position());
      return message;
    } finally {
      bufferInput.setBuffer(detached);
    }
  }

  private Object readWhole(Input in, int length) {
    Object message;
    try {
      message = kryo.readClassAndObject(in);
    } catch (KryoException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Kryo cannot read a message of " + length + " bytes: "
          + e.getMessage() + " (expected: the same registrations on every JVM)", e);
    }
    if (in.position() != in.limit()) {
      throw new IllegalArgumentException("Kryo message has " + (in.limit() - in.position())
          + " bytes left over after " + describe(message) + " (expected: 0; the same registrations on every JVM)");
    }
    return message;
  }

  private static boolean isOverflow(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KryoBufferOverflowException || t instanceof BufferOverflowException) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException writeFailure(Object message, RuntimeException e) {
    return new IllegalArgumentException("Kryo cannot write " + describe(message) + ": " + e.getMessage()
        + " (expected: every class it holds registered under " + KryoRegistrations.PATH + ")", e);
  }

  private static String describe(Object message) {
    return message == null ? "null" : message.getClass().getName();
  }
}
