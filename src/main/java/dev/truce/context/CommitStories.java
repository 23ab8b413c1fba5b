package dev.truce.context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Why each side changed a file, from history: the subjects of the commits on one side only that touched it. */
public final class CommitStories {

    private static final int MAX_MESSAGES = 5;

    private CommitStories() {
    }

    /** The story of {@code path} between {@code ours} and {@code theirs}, newest commits first. */
    public static ChangeStory of(Repository repository, ObjectId ours, ObjectId theirs, String path)
            throws IOException {
        return new ChangeStory(subjects(repository, ours, theirs, path), subjects(repository, theirs, ours, path),
                null, null);
    }

    private static List<String> subjects(Repository repository, ObjectId side, ObjectId other, String path)
            throws IOException {
        List<String> subjects = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(side));
            walk.markUninteresting(walk.parseCommit(other));
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            for (RevCommit commit : walk) {
                subjects.add(commit.getShortMessage());
                if (subjects.size() == MAX_MESSAGES) {
                    break;
                }
            }
        }
        return subjects;
    }
}
