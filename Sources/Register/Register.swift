/// The Register stage (see README.md).
public enum RegisterModule {}
