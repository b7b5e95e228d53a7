module github.com/billcycle/billcycle

go 1.24.1

require github.com/rickb777/date/v2 v2.2.0

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.21 // indirect
	github.com/rickb777/plural v1.4.7 // indirect
)
