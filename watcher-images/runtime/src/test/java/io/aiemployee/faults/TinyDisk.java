package io.aiemployee.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A 1 MiB tmpfs mounted for one test, to put a vault on a disk that can be filled or made read-only.
 * Mounting needs root and a kernel that allows it; when it is not allowed the test is skipped (an
 * assumption), never faked.
 */
final class TinyDisk implements AutoCloseable {

    private final Path mountPoint;

    private TinyDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a 1 MiB tmpfs on {@code mountPoint} (created if needed), or skips the test. */
    static TinyDisk mountAt(Path mountPoint) throws Exception {
        Files.createDirectories(mountPoint);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", mountPoint.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (not root, or not allowed): full/read-only disk not testable");
        return new TinyDisk(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    long usableSpace() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    void remountReadOnly() throws Exception {
        assertThat(run("mount", "-o", "remount,ro", mountPoint.toString())).as("remount read-only").isZero();
        assertThat(canCreate(mountPoint)).as("the disk really is read-only").isFalse();
    }

    /**
     * Makes {@code folder} a mount of its own (bound on itself), which stays writable when
     * {@link #makeMountReadOnly()} turns the rest of the disk read-only.
     */
    void keepWritable(Path folder) throws Exception {
        assertThat(run("mount", "--bind", folder.toString(), folder.toString())).as("bind mount " + folder).isZero();
    }

    /**
     * Turns the disk read-only under running processes. A filesystem remount refuses that (EBUSY) while
     * files are open for writing, which the kernel itself does on disk errors (e.g. ext4's
     * errors=remount-ro); here the mount is made read-only instead, and files open for writing must be
     * in folders given to {@link #keepWritable} first.
     */
    void makeMountReadOnly() throws Exception {
        assertThat(run("mount", "-o", "remount,bind,ro", mountPoint.toString())).as("make the mount read-only").isZero();
        assertThat(canCreate(mountPoint)).as("the disk really is read-only").isFalse();
    }

    /** Writes up to {@code max} bytes into {@code file}, stopping quietly when the disk is full. */
    static void fill(Path file, long max) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < max; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, max - written));
            }
        } catch (IOException full) {
            // ENOSPC: the disk is full, which is the point
        }
    }

    /** Fills the disk to the last byte with {@code file}. */
    void fillCompletely(Path file) throws IOException {
        fill(file, Long.MAX_VALUE);
        assertThat(usableSpace()).as("the disk is full").isZero();
    }

    static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts the disk with the mounts inside it. */
    @Override
    public void close() throws Exception {
        run("umount", "-l", mountPoint.toString());
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
