// Namespaces that most files of Senim.Web use: the framework's web, authorization and EF Core namespaces and Senim's
// shared layer and database context. Never a feature's namespace: a feature's dependencies stay visible in each file.
global using System.Globalization;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Senim.Web.Common;
global using Senim.Web.Data;
