package org.ketaminecds.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold patient data or secrets: directories 0700 and files 0600 whatever the umask, written as new files
 * (never through a symbolic link an attacker placed where an output goes), and secrets refused when others can read
 * them. On a file system without POSIX permissions only the symbolic-link checks apply.
 */
public final class PrivateFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /**
     * Creates {@code dir} (and its parents) if it is missing and makes it owner-only.
     *
     * @param dir the directory
     * @return the directory
     * @throws IOException if it cannot be made, or it is a symbolic link
     */
    public static Path directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link: give the real directory");
        }
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    /**
     * Opens {@code file} as a new owner-only file: a regular file of an earlier run is replaced, a symbolic link or
     * anything else that is not a regular file is refused.
     *
     * @param file the file
     * @return a stream that writes it
     * @throws IOException naming the file if it cannot be written safely
     */
    public static OutputStream newFile(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(
                    file + " is a symbolic link: not written through; remove it or choose another output");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " exists and is not a regular file: not written");
        }
        Files.deleteIfExists(file);
        FileAttribute<?>[] attributes =
                POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                attributes));
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE); // the umask may have taken the owner's write bit
        }
        return out;
    }

    /**
     * {@link #newFile} as UTF-8 text.
     *
     * @param file the file
     * @return a buffered writer
     * @throws IOException naming the file if it cannot be written safely
     */
    public static BufferedWriter newWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newFile(file), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Writes {@code text} to a new owner-only file.
     *
     * @param file the file
     * @param text the text
     * @throws IOException naming the file if it cannot be written safely
     */
    public static void writeString(Path file, String text) throws IOException {
        try (Writer w = newWriter(file)) {
            w.write(text);
        }
    }

    /**
     * Makes an existing regular file owner-only (a database file another library created).
     *
     * @param file the file
     * @throws IOException if its permissions cannot be set
     */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Reads a secret (a key file): refused if it is a symbolic link or if its group or others may read or write it.
     *
     * @param file the file
     * @param what what the secret is, for the message
     * @return its bytes
     * @throws IOException naming the file and what to do
     */
    public static byte[] readSecret(Path file, String what) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(what + " " + file + " is a symbolic link: refused; put the key file itself there");
        }
        if (POSIX) {
            Set<PosixFilePermission> loose = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            loose.removeAll(FILE);
            loose.remove(PosixFilePermission.OWNER_EXECUTE);
            if (!loose.isEmpty()) {
                throw new IOException(what + " " + file + " can be read or written by others ("
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                        + "): refused; run chmod 600 on it");
            }
        }
        return Files.readAllBytes(file);
    }
}
