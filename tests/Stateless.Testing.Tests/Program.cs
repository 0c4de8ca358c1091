// The test project's own entry point (the test host never runs it): a top-level Program, as a test or console project
// that drives a fleet has. Inside this project `Program` names this type, not an app's — the mistake
// EntryPointGuardTests hands to ReplicaFleet. Run, it would start a fleet of itself. It hides TinyStatefulApp's public
// Program (CS0436), as a test project's own Program hides an app's.
#pragma warning disable CS0436
await using var fleet = await Stateless.Testing.ReplicaFleet.StartAsync<Program>();
