"""The text sections: the prose tabs, the 基本信息 fields, and finding a finding's words in them."""
