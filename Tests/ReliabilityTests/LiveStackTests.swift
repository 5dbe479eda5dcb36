import ChaosLab
import ChaosLabTesting
import Testing

/// Parent of every live suite. It owns the reference stack through ChaosLabTesting's
/// `.chaosStack` trait, as a team's own suite would: up once before the first child runs,
/// always down (volumes included) after the last, every check result written as a report set
/// under `reports/swift-test/`. Children run one at a time and leave the stack as they found it.
@Suite(
    "Live stack", .serialized,
    .chaosStack(
        compose: LiveStack.driver.configuration.composeFile, project: LiveStack.driver.projectName,
        roles: .given(.reference(environment: LiveStack.environment))
    )
)
struct LiveStackTests {}
