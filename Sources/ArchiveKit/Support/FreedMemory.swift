import Cmalloc

/// How the C allocator treats memory the program frees.
public enum FreedMemory {
    /// Asks the allocator to give freed memory back to the system once 128 KiB of it lie at the
    /// top of the heap, and to map every block of 128 KiB or more on its own, instead of keeping
    /// both for later. glibc otherwise raises these limits as large blocks are freed, and each
    /// thread's arena then keeps what a build has finished with: a build's largest values (page
    /// texts, the search index's tables, the data files) are made on several threads and let go
    /// one after another. At 1,000 statements this lowers a build's peak memory by about a tenth.
    /// Elsewhere than on Linux the allocator has no such settings, and nothing is done.
    public static func returnEarly() {
        #if os(Linux)
        mallopt(M_TRIM_THRESHOLD, 128 * 1024)
        mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }

    /// The number of statements from which a single build keeps freed memory for reuse.
    public static let keptFrom = 5_000

    /// Sets how the allocator treats freed memory in a process that makes one build, of
    /// `statements` statements. Below `keptFrom`, memory is given back early (`returnEarly`): what
    /// the allocator keeps is a large part of a small build's peak. From `keptFrom`, glibc's own
    /// limits stay, and what one phase frees the next reuses rather than asking the system for
    /// pages again: at 10,000 statements that takes a third off the system's time, a twentieth
    /// off the build's, for a tenth more memory.
    public static func tune(forStatements statements: Int) {
        if statements < keptFrom { returnEarly() }
    }
}
