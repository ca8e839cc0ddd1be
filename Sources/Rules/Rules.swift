/// The Rules stage (see README.md).
public enum RulesModule {}
