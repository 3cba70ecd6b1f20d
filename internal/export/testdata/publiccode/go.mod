module publiccodecheck

go 1.26.8

require github.com/italia/publiccode-parser-go/v5 v5.3.1

require (
	github.com/alranel/go-vcsurl/v2 v2.1.1 // indirect
	github.com/gabriel-vasile/mimetype v1.4.3 // indirect
	github.com/github/go-spdx/v2 v2.3.3 // indirect
	github.com/go-playground/locales v0.14.1 // indirect
	github.com/go-playground/universal-translator v0.18.1 // indirect
	github.com/go-playground/validator/v10 v10.18.0 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/italia/httpclient-lib-go v0.0.3-0.20260316100201-5dd490bc4896 // indirect
	github.com/leodido/go-urn v1.4.0 // indirect
	github.com/rivo/uniseg v0.4.2 // indirect
	github.com/sirupsen/logrus v1.9.1 // indirect
	github.com/tomnomnom/linkheader v0.0.0-20180905144013-02ca5825eb80 // indirect
	golang.org/x/crypto v0.45.0 // indirect
	golang.org/x/net v0.47.0 // indirect
	golang.org/x/sys v0.38.0 // indirect
	golang.org/x/text v0.31.0 // indirect
)
