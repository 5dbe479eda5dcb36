import Testing

/// Parent of every live suite. It owns the reference stack: the ``LiveStackTrait`` brings it up
/// once before the first child runs and always tears it down (volumes included) after the
/// last. Children run one at a time and leave the stack as they found it.
@Suite("Live stack", .serialized, .liveStack)
struct LiveStackTests {}
