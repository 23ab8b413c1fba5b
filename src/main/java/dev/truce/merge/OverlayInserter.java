package dev.truce.merge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * An object inserter that keeps what it is given in memory, in front of a repository's object database.
 *
 * <p>An in-core merge inserts merged blobs, trees and (for criss-cross histories) virtual base commits. Kept
 * here, they never reach the user's repository unless a result is committed, when
 * {@link #flushInto(Repository, AnyObjectId)} copies those the result uses. Readers from {@link #newReader()} see
 * these objects first and the repository's after them.
 */
public final class OverlayInserter extends ObjectInserter {

    private final Repository repository;
    private final Map<ObjectId, StoredObject> objects = new LinkedHashMap<>();

    /** An empty overlay over the given repository. */
    public OverlayInserter(Repository repository) {
        this.repository = repository;
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        byte[] data = in.readNBytes(Math.toIntExact(length));
        if (data.length != length) {
            throw new IOException("object stream ended after " + data.length + " of " + length + " bytes");
        }
        ObjectId id = idFor(type, data);
        objects.putIfAbsent(id, new StoredObject(type, data));
        return id;
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
        ObjectId id = idFor(type, data, off, len);
        byte[] copy = new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        objects.putIfAbsent(id, new StoredObject(type, copy));
        return id;
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        // Merges never receive packs; receiving one here would mean a caller meant the real repository.
        throw new UnsupportedOperationException("an overlay inserter does not parse packs");
    }

    @Override
    public ObjectReader newReader() {
        return new OverlayReader(repository.newObjectReader());
    }

    /** Nothing to do: objects stay in memory until {@link #flushInto(Repository, AnyObjectId)}. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** How many objects the overlay holds. */
    public int size() {
        return objects.size();
    }

    /** The ids of the objects the overlay holds, in insertion order. */
    public Set<ObjectId> objectIds() {
        return Set.copyOf(objects.keySet());
    }

    /**
     * Copies the objects of the overlay that {@code tip} reaches (a commit, its tree, subtrees and blobs) and the
     * repository does not already have into its object database. What the merge made and the result does not use
     * (virtual merge bases, trees of intermediate merges) stays out.
     *
     * @throws IOException when the repository cannot store them
     */
    public void flushInto(Repository target, AnyObjectId tip) throws IOException {
        try (ObjectInserter inserter = target.newObjectInserter(); ObjectReader reader = target.newObjectReader()) {
            Deque<ObjectId> pending = new ArrayDeque<>();
            Set<ObjectId> seen = new HashSet<>();
            pending.add(tip.copy());
            while (!pending.isEmpty()) {
                ObjectId id = pending.pop();
                StoredObject object = objects.get(id);
                // Objects outside the overlay are the repository's, and so is everything they reach.
                if (object == null || !seen.add(id)) {
                    continue;
                }
                if (object.type() == Constants.OBJ_COMMIT) {
                    pending.push(RevCommit.parse(object.data()).getTree().copy());
                } else if (object.type() == Constants.OBJ_TREE) {
                    CanonicalTreeParser p = new CanonicalTreeParser();
                    for (p.reset(object.data()); !p.eof(); p.next(1)) {
                        if (!FileMode.GITLINK.equals(p.getEntryFileMode())) {
                            pending.push(p.getEntryObjectId());
                        }
                    }
                }
                if (!reader.has(id)) {
                    inserter.insert(object.type(), object.data());
                }
            }
            inserter.flush();
        }
    }

    private record StoredObject(int type, byte[] data) {
    }

    /** Answers from the overlay first, then from the repository. */
    private final class OverlayReader extends ObjectReader.Filter {

        private final ObjectReader delegate;

        OverlayReader(ObjectReader delegate) {
            this.delegate = delegate;
        }

        @Override
        protected ObjectReader delegate() {
            return delegate;
        }

        @Override
        public ObjectReader newReader() {
            return new OverlayReader(delegate.newReader());
        }

        @Override
        public ObjectInserter getCreatedFromInserter() {
            return OverlayInserter.this;
        }

        @Override
        public boolean has(AnyObjectId id) throws IOException {
            return objects.containsKey(id) || delegate.has(id);
        }

        @Override
        public boolean has(AnyObjectId id, int typeHint) throws IOException {
            return objects.containsKey(id) || delegate.has(id, typeHint);
        }

        @Override
        public ObjectLoader open(AnyObjectId id) throws IOException {
            return open(id, OBJ_ANY);
        }

        @Override
        public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
            StoredObject object = objects.get(id);
            if (object == null) {
                return delegate.open(id, typeHint);
            }
            if (typeHint != OBJ_ANY && typeHint != object.type()) {
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return new ObjectLoader.SmallObject(object.type(), object.data());
        }

        @Override
        public long getObjectSize(AnyObjectId id, int typeHint) throws IOException {
            StoredObject object = objects.get(id);
            return object == null ? delegate.getObjectSize(id, typeHint) : object.data().length;
        }

        @Override
        public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
            java.util.Set<ObjectId> found = new java.util.LinkedHashSet<>(delegate.resolve(id));
            for (ObjectId candidate : objects.keySet()) {
                if (id.prefixCompare(candidate) == 0) {
                    found.add(candidate);
                }
            }
            return found;
        }
    }
}
