/// The Publish stage (see README.md).
public enum PublishModule {}
